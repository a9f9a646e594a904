"""Operations: backup and restore of the whole database (``koers backup``, ``koers restore``)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisksConfig(AppConfig):
    name = "koers.risks"
    label = "risks"
    verbose_name = _("Risks and decisions")

    def ready(self) -> None:
        # The DIN's services refuse scope changes of an adopted programme without a decision;
        # this register keeps the record of every such change with its decision.
        from koers.programmes.change_control import register_decision_source, register_recorder

        from .decision_selectors import programme_decisions
        from .decision_services import change_record

        register_recorder(change_record)
        register_decision_source(programme_decisions)

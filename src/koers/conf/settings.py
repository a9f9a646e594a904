"""Django settings for Koers. Every value that differs between installations comes from the
environment through :func:`koers.conf.env.config`; see docs/configuration.md."""

import sys
from pathlib import Path

import dj_database_url

from koers.conf.env import config

SRC_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = SRC_DIR.parents[1]

VAR_DIR = Path(
    config(
        "KOERS_VAR_DIR",
        str(PROJECT_DIR / "var"),
        help_text="Map voor lokale gegevens: het SQLite-bestand, uploads en verzamelde statische "
        "bestanden.",
    )
)
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = config(
    "KOERS_DEBUG",
    False,
    help_text="Ontwikkelmodus (foutpagina's met details, statische bestanden via Django). Nooit "
    "aan in productie. `make run` zet hem aan.",
)
DEVELOPMENT_SECRET_KEY = "onveilig-alleen-voor-ontwikkeling"
SECRET_KEY = config(
    "KOERS_SECRET_KEY",
    DEVELOPMENT_SECRET_KEY,
    help_text="Geheime sleutel voor sessies en tokens. Verplicht een eigen, lange, willekeurige "
    "waarde (minstens 50 tekens) zodra `KOERS_DEBUG` uit staat: met de openbare standaardwaarde, "
    "een lege of een te korte sleutel start Koers dan niet.",
    group="Beveiliging",
)


def unsafe_secret_key(key: str) -> bool:
    """Is ``key`` the public default, or too short or too plain to keep sessions and tokens
    safe? The limits are those of Django's own deployment check (``security.W009``)."""
    return key == DEVELOPMENT_SECRET_KEY or len(key) < 50 or len(set(key)) < 5


# The commands that only handle the source (translation catalogues, the configuration reference)
# sign nothing and serve nothing: they run without a key of one's own.
_SOURCE_COMMANDS = {"compilemessages", "makemessages", "configdocs"}
if (
    not DEBUG
    and unsafe_secret_key(SECRET_KEY)
    and not (len(sys.argv) > 1 and sys.argv[1] in _SOURCE_COMMANDS)
):
    # Refuse to start: with the public default anyone can forge sessions and signed tokens.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "KOERS_SECRET_KEY is niet gezet, is de openbare standaardwaarde of is te kort (minder dan "
        "50 tekens of minder dan 5 verschillende tekens). Zet KOERS_SECRET_KEY op een eigen, "
        'lange, willekeurige waarde, bijvoorbeeld de uitvoer van `python3 -c "import secrets; '
        'print(secrets.token_urlsafe(50))"`, of zet KOERS_DEBUG=true om te ontwikkelen.'
    )

ALLOWED_HOSTS = config(
    "KOERS_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"],
    help_text="Komma-gescheiden lijst van hostnamen waaronder Koers bereikbaar is.",
    group="Beveiliging",
)
CSRF_TRUSTED_ORIGINS = config(
    "KOERS_CSRF_TRUSTED_ORIGINS",
    [],
    help_text="Komma-gescheiden lijst van origins (https://koers.gemeente.nl) voor formulieren "
    "achter een proxy.",
    group="Beveiliging",
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = config(
    "KOERS_SECURE_COOKIES",
    False,
    help_text="Cookies alleen over HTTPS versturen. Aan in productie.",
    group="Beveiliging",
)
SECURE_HSTS_SECONDS = config(
    "KOERS_HSTS_SECONDS",
    0,
    help_text="HTTP Strict Transport Security in seconden (bv. 31536000). 0: geen HSTS-kop; "
    "zet hem pas als Koers alleen nog via HTTPS bereikbaar is.",
    group="Beveiliging",
)
SECURE_SSL_REDIRECT = config(
    "KOERS_SSL_REDIRECT",
    False,
    help_text="Verwijs HTTP-verzoeken door naar HTTPS. Laat uit als de proxy dat al doet.",
    group="Beveiliging",
)
if config(
    "KOERS_BEHIND_PROXY",
    False,
    help_text="Koers draait achter een proxy die HTTPS afhandelt en `X-Forwarded-Proto` zet; "
    "dan vertrouwt Koers die kop om HTTPS te herkennen.",
    group="Beveiliging",
):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DEMO_MODE = config(
    "KOERS_DEMO",
    False,
    help_text="Demomodus: `koers demo` maakt per rol een gebruiker met een bekend wachtwoord aan. "
    "Nooit aan in productie.",
)

DATABASE_URL = config(
    "DATABASE_URL",
    "",
    help_text="Database als URL, bv. `postgres://postgres@127.0.0.1:5432/koers`. Leeg: een "
    "SQLite-bestand `koers.sqlite3` in `KOERS_VAR_DIR`.",
    group="Database",
)
SQLITE_TIMEOUT = config(
    "KOERS_SQLITE_TIMEOUT",
    20,
    help_text="Alleen bij SQLite: hoeveel seconden een schrijfactie wacht als een andere net "
    "schrijft, voordat hij opgeeft. SQLite staat altijd in WAL-modus en begint elke transactie "
    "direct als schrijftransactie (`IMMEDIATE`), zodat gelijktijdige opslagen op elkaar wachten "
    "(of een conflict geven) in plaats van een fout.",
    group="Database",
)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "koers.sqlite3",
        }
    }


def sqlite_concurrency(database: dict, timeout: float) -> dict:
    """Settings for concurrent writers on SQLite (a no-op for other engines): WAL mode (readers
    never block the writer), a busy timeout, and IMMEDIATE transactions — a transaction takes the
    write lock when it begins, so two saves wait for each other instead of one failing with
    "database is locked" when both read first and then write."""
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return database
    options = dict(database.get("OPTIONS") or {})
    options.setdefault("timeout", timeout)
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    return {**database, "OPTIONS": options}


DATABASES["default"] = sqlite_concurrency(DATABASES["default"], SQLITE_TIMEOUT)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

UPLOAD_RETENTION_HOURS = config(
    "KOERS_UPLOAD_RETENTION_HOURS",
    48,
    help_text="Hoeveel uur een geüpload bestand met metingen voor het voorbeeld bewaard blijft "
    "als het niet wordt bevestigd of geannuleerd; `koers cleanup` (dagelijks draaien) verwijdert "
    "het daarna.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "koers.accounts",
    "koers.programmes",
    "koers.decisions",
    "koers.monitoring",
    "koers.reporting",
    "koers.finance",
    "koers.risks",
    "koers.din",
    "koers.documents",
    "koers.public",
    "koers.api",
    "koers.portfolio",
    "koers.intake",
    "koers.partners",
    "koers.exchange",
    "koers.demo",
    "koers.archive",
    "koers.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every page needs a log-in unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "koers.conf.urls"
WSGI_APPLICATION = "koers.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programmes:list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Dutch is the language of the interface; the source strings are English (see CONTRIBUTING.md).
LANGUAGE_CODE = config(
    "KOERS_LANGUAGE",
    "nl",
    help_text="Taal van de gebruikersinterface: `nl` (standaard) of `en`.",
)
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = config(
    "KOERS_TIME_ZONE", "Europe/Amsterdam", help_text="Tijdzone voor weergave van tijdstippen."
)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [SRC_DIR / "static"] + [
    (prefix, NODE_MODULES / path)
    for prefix, path in [
        ("vendor/utrecht-css", "@utrecht/component-library-css/dist"),
        ("vendor/utrecht-tokens", "@utrecht/design-tokens/dist"),
        ("vendor/htmx", "htmx.org/dist"),
    ]
    if (NODE_MODULES / path).is_dir()
]

EMAIL_BACKEND = config(
    "KOERS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help_text="Django-e-mailbackend; `django.core.mail.backends.smtp.EmailBackend` in productie.",
    group="E-mail",
)
DEFAULT_FROM_EMAIL = config(
    "KOERS_FROM_EMAIL", "koers@localhost", help_text="Afzender van e-mail.", group="E-mail"
)
EMAIL_HOST = config(
    "KOERS_EMAIL_HOST", "localhost", help_text="SMTP-server (bij de SMTP-backend).", group="E-mail"
)
EMAIL_PORT = config("KOERS_EMAIL_PORT", 25, help_text="Poort van de SMTP-server.", group="E-mail")
EMAIL_HOST_USER = config(
    "KOERS_EMAIL_USER", "", help_text="Gebruikersnaam voor de SMTP-server.", group="E-mail"
)
EMAIL_HOST_PASSWORD = config(
    "KOERS_EMAIL_PASSWORD", "", help_text="Wachtwoord voor de SMTP-server.", group="E-mail"
)
EMAIL_USE_TLS = config(
    "KOERS_EMAIL_TLS", False, help_text="STARTTLS naar de SMTP-server.", group="E-mail"
)
# Links in e-mails (reminders, digests) need the address at which users reach Koers.
BASE_URL = config(
    "KOERS_BASE_URL",
    "http://127.0.0.1:8000",
    help_text="Het adres waarop gebruikers Koers bereiken, voor links in e-mails "
    "(herinneringen, overlegstukken); zonder / aan het eind.",
    group="E-mail",
)

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": config(
            "KOERS_LOG_LEVEL", "WARNING", help_text="Logniveau (DEBUG, INFO, WARNING, ERROR)."
        ),
    },
}

# --- REST API (/api/v1, koers.api): Django REST Framework + drf-spectacular ---------------------
# NL GOV API Design Rules: JSON only, token (Bearer) authentication, errors as problem+json, the
# API-Version header on every response under /api/ (koers.api.middleware, outermost so that it
# also sees Django's own 404 and 500 answers). See docs/api.md.
INSTALLED_APPS += ["rest_framework", "drf_spectacular"]
MIDDLEWARE.insert(0, "koers.api.middleware.ApiMiddleware")
if (NODE_MODULES / "swagger-ui-dist").is_dir():
    STATICFILES_DIRS += [("vendor/swagger-ui", NODE_MODULES / "swagger-ui-dist")]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["koers.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["koers.api.permissions.ReadForAllWriteWithToken"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "koers.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "koers.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Koers API",
    "DESCRIPTION": (
        "Programmes, goals, indicators, measurements, efforts and their links of the "
        "municipality's programmes; reports, budget and risks for clients with a token. "
        "Follows the NL GOV API Design Rules. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.0.3",
    "SERVERS": [{"url": "/api/v1", "description": "This installation of Koers"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ProgrammeStatusEnum": "koers.programmes.constants.ProgrammeStatus",
        "EffortStatusEnum": "koers.programmes.constants.EffortStatus",
        "GoalKindEnum": "koers.programmes.constants.GoalKind",
        "RiskKindEnum": "koers.risks.constants.RiskKind",
        "RiskStatusEnum": "koers.risks.constants.RiskStatus",
    },
    "CONTACT": {"name": "Koers"},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "TAGS": [
        {"name": name, "description": description}
        for name, description in [
            ("programmas", "Programmes (published ones for everyone)."),
            ("doelen", "Operational goals."),
            ("indicatoren", "Indicators of measurable goals."),
            ("metingen", "Measurements of indicators."),
            ("inspanningen", "Efforts."),
            ("koppelingen", "Links between operational goals and efforts."),
            ("rapportages", "Progress reports (token only)."),
            ("begroting", "Budget lines (token only)."),
            ("risicos", "Risks (token only)."),
        ]
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koers.api.schema.nl_gov_hook",
    ],
}

# --- Archive package for the e-depot (koers.archive, `koers archive`): MDTO metadata -------------
# What MDTO needs that differs per organisation; see docs/archief.md.
KOERS_ARCHIVE_SOURCE = config(
    "KOERS_ARCHIVE_SOURCE",
    "Gemeente Almelo",
    help_text="Archiefvormer in de MDTO-metagegevens van het archiefpakket: de organisatie die de "
    "stukken opmaakt, bv. `Gemeente Almelo`.",
    group="Archief",
)
KOERS_ARCHIVE_SOURCE_ID = config(
    "KOERS_ARCHIVE_SOURCE_ID",
    "",
    help_text="Kenmerk van de archiefvormer, bv. de TOOI-URI of het OIN van de gemeente. Leeg: "
    "alleen de naam.",
    group="Archief",
)
KOERS_ARCHIVE_SOURCE_ID_SCHEME = config(
    "KOERS_ARCHIVE_SOURCE_ID_SCHEME",
    "TOOI",
    help_text="Bron van dat kenmerk (`identificatieBron`), bv. `TOOI` of "
    "`Register van Overheidsorganisaties`.",
    group="Archief",
)
KOERS_ARCHIVE_ID_SOURCE = config(
    "KOERS_ARCHIVE_ID_SOURCE",
    "Koers",
    help_text="Bron (`identificatieBron`) van de kenmerken die Koers aan dossier, stukken en "
    "bestanden geeft, bv. `Koers Gemeente Almelo`.",
    group="Archief",
)
KOERS_ARCHIVE_VALUATION = config(
    "KOERS_ARCHIVE_VALUATION",
    "B",
    help_text="Waardering volgens de selectielijst: `B` (blijvend te bewaren) of `V` (tijdelijk "
    "te bewaren, geef dan ook de bewaartermijn).",
    group="Archief",
)
KOERS_ARCHIVE_RETENTION = config(
    "KOERS_ARCHIVE_RETENTION",
    "",
    help_text="Bewaartermijn als ISO 8601-duur, bv. `P10Y`. Leeg: geen termijn (blijvend te "
    "bewaren).",
    group="Archief",
)
KOERS_ARCHIVE_CATEGORY_CODE = config(
    "KOERS_ARCHIVE_CATEGORY_CODE",
    "",
    help_text="Code van de informatiecategorie uit de selectielijst, bv. `1.1`. Leeg: geen "
    "informatiecategorie.",
    group="Archief",
)
KOERS_ARCHIVE_CATEGORY_LABEL = config(
    "KOERS_ARCHIVE_CATEGORY_LABEL",
    "",
    help_text="Naam van die informatiecategorie.",
    group="Archief",
)
KOERS_ARCHIVE_SELECTION_LIST = config(
    "KOERS_ARCHIVE_SELECTION_LIST",
    "Selectielijst gemeenten en intergemeentelijke organen 2020",
    help_text="De selectielijst waaruit waardering en informatiecategorie komen.",
    group="Archief",
)
KOERS_ARCHIVE_RESTRICTION = config(
    "KOERS_ARCHIVE_RESTRICTION",
    "Openbaar",
    help_text="Beperking op het gebruik (`beperkingGebruik`) van de stukken, bv. `Openbaar`.",
    group="Archief",
)
KOERS_ARCHIVE_RESTRICTION_LIST = config(
    "KOERS_ARCHIVE_RESTRICTION_LIST",
    "Archiefwet 1995",
    help_text="Begrippenlijst of regeling waaruit die beperking komt.",
    group="Archief",
)

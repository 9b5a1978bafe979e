"""Settings for the portal throughput benchmark: the product's settings plus one baseline URL."""

from gongkai.config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.portal_urls"
TEMPLATES[0]["DIRS"] = [__import__("pathlib").Path(__file__).parent / "templates"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

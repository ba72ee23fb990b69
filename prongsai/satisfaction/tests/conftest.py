from prongsai.eservice.tests.conftest import _clean, world  # noqa: F401

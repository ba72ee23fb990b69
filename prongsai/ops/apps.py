from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Prongsai in production: cache keys per organization, security headers, sessions
    bound to their host, JSON logs, backup and restore. No models."""

    name = "prongsai.ops"
    label = "ops"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import bind_session_to_host

        user_logged_in.connect(bind_session_to_host, dispatch_uid="ops-bind-session-host")

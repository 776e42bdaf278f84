from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "ledenpanel.followup"
    label = "followup"

    def ready(self) -> None:
        # responses sits below followup: it learns here where the choices go.
        from ledenpanel.followup.services import follow_up_consent_record
        from ledenpanel.responses.services import follow_up_recorder_register

        follow_up_recorder_register(follow_up_consent_record)

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "ledenpanel.followup"
    label = "followup"

    def ready(self) -> None:
        # responses and panels sit below followup: they learn here where the
        # follow-up choices go and what publishing the board's answer does.
        from ledenpanel.followup.services import (
            answer_publish_effect,
            follow_up_consent_record,
            panel_archive_effect,
        )
        from ledenpanel.panels.lifecycle import Action
        from ledenpanel.panels.services import transition_effect_register
        from ledenpanel.responses.services import follow_up_recorder_register

        follow_up_recorder_register(follow_up_consent_record)
        transition_effect_register(action=Action.MARK_RESPONDED, effect=answer_publish_effect)
        transition_effect_register(action=Action.ARCHIVE, effect=panel_archive_effect)

from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "ledenpanel.results"
    label = "results"

    def ready(self) -> None:
        # closing sits below results: it learns of the analysis run here.
        from ledenpanel.closing.services import after_close_register
        from ledenpanel.panels.lifecycle import Action
        from ledenpanel.panels.services import transition_effect_register
        from ledenpanel.results.services import report_final_mark
        from ledenpanel.results.tasks import panel_analyse_enqueue

        after_close_register(panel_analyse_enqueue)
        # Marking the report final freezes the text the members will get.
        transition_effect_register(action=Action.MARK_REPORTED, effect=report_final_mark)

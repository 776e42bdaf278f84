from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "ledenpanel.results"
    label = "results"

    def ready(self) -> None:
        # closing sits below results: it learns of the analysis run here.
        from ledenpanel.closing.services import after_close_register
        from ledenpanel.results.tasks import panel_analyse_enqueue

        after_close_register(panel_analyse_enqueue)

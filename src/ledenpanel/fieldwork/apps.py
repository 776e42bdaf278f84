from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "ledenpanel.fieldwork"
    label = "fieldwork"

    def ready(self) -> None:
        from ledenpanel.fieldwork import transitions

        transitions.register()

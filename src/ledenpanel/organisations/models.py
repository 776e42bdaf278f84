"""The party's units, its members and the staff roles per unit."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledenpanel.core.models import PublicIdModel


class UnitKind(models.TextChoices):
    LANDELIJK = "landelijk", _("landelijk")
    GEWEST = "gewest", _("gewest")
    AFDELING = "afdeling", _("afdeling")
    WERKGROEP = "werkgroep", _("werkgroep")
    NETWERK = "netwerk", _("netwerk")
    FRACTIE = "fractie", _("fractie")


# The territorial tree: which kind of parent each kind may have.
TERRITORIAL_PARENT = {
    UnitKind.LANDELIJK: None,
    UnitKind.GEWEST: UnitKind.LANDELIJK,
    UnitKind.AFDELING: UnitKind.GEWEST,
}
# Groups whose membership is listed per member (the roster's `Netwerken`).
GROUP_KINDS = (UnitKind.WERKGROEP, UnitKind.NETWERK, UnitKind.FRACTIE)


class Unit(PublicIdModel):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("bovenliggende eenheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("eenheid")
        verbose_name_plural = _("eenheden")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_group(self) -> bool:
        return self.kind in GROUP_KINDS


class Gender(models.TextChoices):
    MAN = "M", _("man")
    VROUW = "V", _("vrouw")
    X = "X", _("anders / X")
    ONBEKEND = "O", _("onbekend")
    LEEG = "", _("niet opgegeven")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("actief")
    DECEASED = "deceased", _("overleden")
    ENDED = "ended", _("opgezegd")


class Member(PublicIdModel):
    """A member as the member administration knows them.

    Members have no account and never log in. ``in_roster`` turns false when a
    full roster import no longer lists them (a former member); their data is
    kept until a retention rule removes it.
    """

    member_number = models.CharField(_("lidnummer"), max_length=40, unique=True)
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    infix = models.CharField(_("tussenvoegsel"), max_length=40, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    branch = models.ForeignKey(
        Unit, verbose_name=_("afdeling"), on_delete=models.PROTECT, related_name="members"
    )
    member_since = models.DateField(_("lid sinds"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE
    )
    # Whether panels may contact this member at all: what the roster says OR
    # the member's own choice. ``refused_by_member`` remembers the latter (the
    # opt-out page's "Geen ledenpanels meer"), so that a roster import, which
    # may clear a refusal it set itself, never undoes one the member made.
    do_not_contact = models.BooleanField(_("geen contact"), default=False)
    refused_by_member = models.BooleanField(_("zelf afgemeld voor alle ledenpanels"), default=False)
    in_roster = models.BooleanField(_("in ledenbestand"), default=True)
    groups = models.ManyToManyField(
        Unit,
        verbose_name=_("netwerken en werkgroepen"),
        blank=True,
        related_name="group_members",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "member_number"]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")
        indexes = [models.Index(fields=["branch", "last_name"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.member_number})"

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.infix, self.last_name) if part)

    @property
    def has_postal_address(self) -> bool:
        return bool(self.street and self.postcode and self.city)

    @property
    def can_be_invited(self) -> bool:
        """Whether panels may invite this member (age limits apply per panel)."""
        return (
            self.in_roster
            and self.status == MemberStatus.ACTIVE
            and not self.do_not_contact
            and (bool(self.email) or self.has_postal_address)
        )


class RoleKind(models.TextChoices):
    BOARD = "bestuurder", _("bestuurder")
    COACH = "coach", _("begeleider")
    COORDINATOR = "coordinator", _("coördinator")


class Role(PublicIdModel):
    """What a staff account may do for a unit and everything below it.

    A coordinator role is held on the national unit and covers the party.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("rol"), max_length=20, choices=RoleKind.choices)
    # Who gave the role and when: members can see who is accountable.
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "kind"], name="unique_role_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} — {self.unit}"


# Uploads not confirmed within this time are refused and deleted: they hold
# personal data.
ROSTER_UPLOAD_LIFETIME = timedelta(hours=2)


class RosterUpload(PublicIdModel):
    """A roster file between its preview and the coordinator's confirmation.

    Kept in the database (not on one server's disk) so any app server can
    confirm it; deleted as soon as it is imported or abandoned.
    """

    class Kind(models.TextChoices):
        UNITS = "units", _("eenheden")
        MEMBERS = "members", _("leden")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    full = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

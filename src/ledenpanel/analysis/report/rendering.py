"""The report page and its PDF: the Jinja2 template, the inlined CSS, WeasyPrint."""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path

from jinja2 import ChainableUndefined, Environment, FileSystemLoader

from .formats import (
    fmt_count,
    fmt_number,
    fmt_p,
    fmt_percent,
    fmt_percent_range,
    fmt_plain,
    fmt_points,
    fmt_range,
    fmt_signed,
)
from .i18n import DEFAULT_LANGUAGE, Translator, catalog, translator
from .printing import print_report
from .viewmodels import template_context

HERE = Path(__file__).resolve().parent  # the package folder: templates/ and report.css
FOOTER_NL = '"pagina " counter(page) " van " counter(pages)'  # in report.css's @page


@cache
def template_environment(lang: str) -> Environment:
    """One environment per language, its catalog and number formats built in.

    Separate environments, not one whose gettext is swapped per call: nothing a
    rendering in one language does can reach a rendering in another.
    """
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # labels, answers and quotes come from members: always escaped
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Whitespace inside {% trans %} collapses, so a wrapped sentence is one msgid line.
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(catalog(lang), newstyle=True)  # type: ignore[attr-defined]
    formatters = {
        "number": fmt_number,
        "plain": fmt_plain,
        "count": fmt_count,
        "signed": fmt_signed,
        "pct": fmt_percent,
        "pct_range": fmt_percent_range,
        "range": fmt_range,
        "pvalue": fmt_p,
        "points": fmt_points,
    }
    environment.filters.update(
        {name: partial(formatter, lang=lang) for name, formatter in formatters.items()}
    )
    return environment


@cache
def _css(lang: str) -> str:
    css = (HERE / "report.css").read_text(encoding="utf-8")
    if lang == DEFAULT_LANGUAGE:
        return css
    return css.replace(FOOTER_NL, _page_footer(translator(lang)))


def _page_footer(t: Translator) -> str:
    """The translated "page 3 of 12" as a CSS ``content`` value with page counters."""
    marker = "\x00"
    text = t.gettext(
        "pagina %(page)s van %(pages)s",
        page=marker + "page" + marker,
        pages=marker + "pages" + marker,
    )
    parts = text.split(marker)  # text, counter name, text, counter name, text
    values = [
        f"counter({part})" if index % 2 else '"' + part.replace('"', "") + '"'
        for index, part in enumerate(parts)
    ]
    return " ".join(value for value in values if value != '""')


def render_html(result: dict, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The report as one self-contained HTML document (CSS inlined, no script).

    ``lang`` is "nl" (the default) or "en"; any other value gives Dutch.
    """
    t = translator(lang)
    template = template_environment(t.lang).get_template("report.html.j2")
    return template.render(css=_css(t.lang), **template_context(result, t))


def render_pdf(result: dict, *, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """The report printed on A4; WeasyPrint may fetch no URL (it reads only the
    page's own ``data:`` charts).

    Printed in parts on two cores, the crosstab appendix set by reportlab from the
    same markup (see ``printing``): WeasyPrint spends about a millisecond an element.
    """
    t = translator(lang)
    return print_report(render_html(result, lang=t.lang), _css(t.lang))

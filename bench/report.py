"""Benchmark: the report of a national panel, as HTML, its charts and the PDF.

Target (analysis issue 12, "Speed"): for the national panel (42,000 invited,
10,000 responses, 40 questions, 4 weighting variables) the PDF in at most 5 s
more than the analysis, memory under 1 GB; a chart in about 20 ms.

    .venv/bin/python bench/report.py                  # the figures, then one BENCH line
    .venv/bin/python bench/report.py --profile pdf    # and the 30 costliest functions
    .venv/bin/python bench/report.py --out /tmp/r     # keeps report.html and report.pdf
    .venv/bin/python bench/report.py --result r.json  # the engine's result kept between runs

``--profile`` is one of pdf, layout (WeasyPrint only), chart or html; ``--pstats
FILE`` keeps that profile for pstats or snakeviz.

The engine runs once (not timed here: ``bench/analysis.py`` times it); every
figure below is the best of ``--repeat`` runs:

- ``html_s``: ``render_html``, its charts drawn in it;
- ``chart_ms``: one chart on average (``report/drawing.py``: drawn by hand, as
  vl-convert took 55–80 ms a chart here);
- ``pdf_s``: ``render_pdf`` from the result: the whole PDF
  after the analysis, as the results page and ``ledenpanel analyse --pdf`` ask it:
  the page cut into front, two parts and crosstab appendix (``report/cutting.py``),
  the parts printed by WeasyPrint on two cores, the appendix set by reportlab
  (``report/table_appendix.py``) and the charts drawn by it
  (``report/chart_stamps.py``), all joined (``report/printing.py``);
  ``layout_s`` is WeasyPrint printing the whole page in one go, appendix and
  SVG charts and all, for comparison;
- ``pdf_here_cpu_s``, ``pdf_elsewhere_cpu_s``: the processor time of
  ``render_pdf`` in this process (the HTML and its charts not counted) and in
  the second process that prints half the report alongside (best run);
  ``appendix`` names the typesetter that set the crosstab appendix (reportlab,
  or WeasyPrint when it refused);
- ``ref_page_ms``: WeasyPrint printing one fixed page (a heading, a paragraph and
  a table of 20 rows): the machine's speed, to compare figures from different
  machines;
- ``peak_mb``: the process's peak resident memory (engine, data and report) up to
  the PDF (the second process's is not in it);
  ``pdf_py_mb``: the peak of the Python allocations of one ``render_pdf``
  (tracemalloc, an untimed extra run);
- ``pdf_cpu_s``, ``chart_cpu_ms``: the best processor time of the same runs in
  this process, the steadier figure on a machine shared with other work;
  ``pdf_total_cpu_s`` adds the second process's.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import pstats
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis_data import national_panel

from ledenpanel.analysis.data import Options

TARGET_PDF_SECONDS = 5.0  # the PDF, after the analysis
TARGET_CHART_MS = 20.0  # about 20 ms a chart
TARGET_MEMORY_MB = 1024  # the whole process
VARIABLES = ("age", "gender", "region", "tenure")
# The machine's yardstick: one fixed page printed by WeasyPrint (see ``ref_page_ms``).
REFERENCE_PAGE = (
    "<html lang='nl'><body><h1>Ledenpanel</h1><p>"
    + "Een vaste pagina om machines te vergelijken. " * 12
    + "</p><table>"
    + "".join(f"<tr><th>Rij {n}</th><td>{n * 37 % 100} %</td><td>{n}</td></tr>" for n in range(20))
    + "</table></body></html>"
)


CPU: dict[str, float] = {}  # the best processor time of each measurement (a shared machine)


def _best(repeat: int, run) -> tuple[float, list[float], object]:
    """The best wall time of ``repeat`` runs, all the times, and the last run's value.

    The best processor time goes to ``CPU`` under the function's name: on a machine
    shared with other work it varies less than the wall time.
    """
    times = []
    value = None
    cpu = []
    for _ in range(repeat):
        started, processor = time.perf_counter(), time.process_time()
        value = run()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - processor)
    CPU[run.__name__] = min(cpu)
    return min(times), times, value


def _profile(run, dump: Path | None) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    if dump:
        profiler.dump_stats(dump)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(30)


class _PdfParts(logging.Handler):
    """The best processor time of each part of ``render_pdf`` (its INFO record)."""

    def __init__(self) -> None:
        super().__init__()
        self.best: dict[str, float] = {}
        self.typesetter = ""

    def emit(self, record: logging.LogRecord) -> None:
        for name in ("cpu_s", "second_process_cpu_s"):
            value = getattr(record, name, None)
            if value is not None:
                self.best[name] = min(value, self.best.get(name, value))
        self.typesetter = getattr(record, "appendix_typesetter", self.typesetter)


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _analyse(members: int, respondents: int) -> tuple[dict, float]:
    """The engine's result for the national panel (as analysis.json holds it), and its time."""
    from ledenpanel.analysis.engine import analyse

    form, responses, population = national_panel(members, respondents)
    options = Options(weight_by=VARIABLES, by=VARIABLES)
    started = time.perf_counter()
    result = analyse(form, responses, population=population, options=options)
    return json.loads(json.dumps(result)), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=42_000)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--profile", choices=("pdf", "layout", "chart", "html"))
    parser.add_argument("--pstats", type=Path, help="with --profile: keep the profile here")
    parser.add_argument("--out", type=Path, help="a folder to keep report.html and report.pdf in")
    parser.add_argument(
        "--result", type=Path, help="an analysis.json to read (written first if it is missing)"
    )
    args = parser.parse_args()

    if args.result and args.result.exists():
        result = json.loads(args.result.read_text(encoding="utf-8"))
        analysis_s = 0.0
    else:
        result, analysis_s = _analyse(args.members, args.responses)
        if args.result:
            args.result.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")

    started = time.perf_counter()
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from ledenpanel.analysis.report import charts, render_html, render_pdf
    from ledenpanel.analysis.report.i18n import translator
    from ledenpanel.analysis.report.viewmodels import template_context

    imports_s = time.perf_counter() - started
    t = translator(args.lang)

    refuse_all = URLFetcher(allowed_protocols=frozenset())
    HTML(string=REFERENCE_PAGE, url_fetcher=refuse_all).write_pdf()  # fonts loaded once
    ref_page_s, _, _ = _best(
        10 * args.repeat, lambda: HTML(string=REFERENCE_PAGE, url_fetcher=refuse_all).write_pdf()
    )
    views = [q for q in template_context(result, t)["questions"] if not q.get("no_answers")]
    charted = [q for q in views if charts.question_chart(q, t) is not None]

    def all_charts() -> list:
        return [charts.chart_svg(q, t) for q in charted]

    def html_page() -> str:
        return render_html(result, lang=args.lang)

    def pdf_document() -> bytes:
        return render_pdf(result, lang=args.lang)

    html = render_html(result, lang=args.lang)
    parts = _PdfParts()
    logging.getLogger("ledenpanel.analysis.report.printing").addHandler(parts)
    logging.getLogger("ledenpanel.analysis.report.printing").setLevel(logging.INFO)

    def layout() -> bytes:
        return HTML(string=html, url_fetcher=refuse_all).write_pdf()

    if args.profile:
        run = {"pdf": pdf_document, "layout": layout, "chart": all_charts, "html": html_page}
        _profile(run[args.profile], args.pstats)

    charts_s, chart_runs, svgs = _best(args.repeat, all_charts)
    drawn = sum(svg is not None for svg in svgs)  # type: ignore[union-attr]
    html_s, html_runs, html = _best(args.repeat, html_page)
    parts.best.clear()
    pdf_s, pdf_runs, pdf = _best(args.repeat, pdf_document)
    split = dict(parts.best)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Last: one document in one process grows this process's heap, and every
    # later print pays for it in garbage collection.
    layout_s, layout_runs, _ = _best(args.repeat, layout)

    tracemalloc.start()
    pdf_document()
    pdf_py_mb = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()

    pages = _pages(pdf)  # type: ignore[arg-type]
    svg_kb = sum(len(svg) for svg in svgs if svg) / 1024  # type: ignore[union-attr]
    crosstabs = len(re.findall(r'<table class="figures crosstab', html))  # type: ignore[arg-type]
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "report.html").write_text(html, encoding="utf-8")  # type: ignore[arg-type]
        (args.out / "report.pdf").write_bytes(pdf)  # type: ignore[arg-type]

    def runs(times: list[float], scale: float = 1.0) -> str:
        return ", ".join(f"{x * scale:.2f}" for x in times)

    chart_ms = charts_s / max(drawn, 1) * 1000
    chart_cpu_ms = CPU["all_charts"] / max(drawn, 1) * 1000
    err = sys.stderr
    print(f"  analysis (once)      {analysis_s:6.2f} s", file=err)
    print(f"  imports              {imports_s:6.2f} s (WeasyPrint, the report; once)", file=err)
    print(f"  {drawn} charts          {charts_s:6.2f} s  [{runs(chart_runs)}]", file=err)
    print(f"  render_html          {html_s:6.2f} s  [{runs(html_runs)}]", file=err)
    print(f"  PDF layout only      {layout_s:6.2f} s  [{runs(layout_runs)}]", file=err)
    print(f"  render_pdf           {pdf_s:6.2f} s  [{runs(pdf_runs)}]", file=err)
    cpu = ", ".join(f"{name} {spent:.2f} s" for name, spent in CPU.items())
    print(f"  best processor time: {cpu}", file=err)
    print(
        f"  {pages} pages, {crosstabs} crosstabs, {len(html) / 1024:.0f} KB HTML "  # type: ignore[arg-type]
        f"({svg_kb:.0f} KB SVG), {len(pdf) / 1024:.0f} KB PDF; "  # type: ignore[arg-type]
        f"peak memory {peak_mb:.0f} MB, Python allocations in one PDF {pdf_py_mb:.0f} MB",
        file=err,
    )
    here_cpu = split.get("cpu_s", 0.0)
    elsewhere_cpu = split.get("second_process_cpu_s", 0.0)
    print(
        f"  render_pdf's printing {here_cpu:.2f} s here, {elsewhere_cpu:.2f} s in the second "
        f"process (processor time); appendix set by {parts.typesetter}",
        file=err,
    )
    print(f"  reference page       {ref_page_s * 1000:6.1f} ms (the machine's speed)", file=err)
    chart_ok = chart_ms < TARGET_CHART_MS * 1.25  # "about" 20 ms
    verdict = [
        f"PDF < {TARGET_PDF_SECONDS:.0f} s: {'OK' if pdf_s < TARGET_PDF_SECONDS else 'SLOWER'}",
        f"chart ~{TARGET_CHART_MS:.0f} ms: {'OK' if chart_ok else 'SLOWER'}",
        f"memory < {TARGET_MEMORY_MB} MB: {'OK' if peak_mb < TARGET_MEMORY_MB else 'MORE'}",
    ]
    print("  targets: " + "; ".join(verdict), file=err)
    print(
        f"BENCH report html_s={html_s:.2f} pdf_s={pdf_s:.2f} layout_s={layout_s:.2f} "
        f"pages={pages} charts={drawn} chart_ms={chart_ms:.1f} "
        f"peak_mb={peak_mb:.0f} pdf_py_mb={pdf_py_mb:.0f} "
        f"pdf_cpu_s={CPU['pdf_document']:.2f} chart_cpu_ms={chart_cpu_ms:.1f} "
        f"pdf_total_cpu_s={CPU['pdf_document'] + elsewhere_cpu:.2f} "
        f"pdf_here_cpu_s={here_cpu:.2f} pdf_elsewhere_cpu_s={elsewhere_cpu:.2f} "
        f"appendix={parts.typesetter} "
        f"ref_page_ms={ref_page_s * 1000:.1f}"
    )


if __name__ == "__main__":
    main()

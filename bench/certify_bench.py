"""Certifying a 10,000-camera province and building its plan, beside reading the same rows.

    python bench/certify_bench.py --db sqlite|postgres [--cameras 10000] [--repeat 3]

Builds the province of quality_bench (Ang Thong, 60 agencies, a database of its own:
sz_certify), marks every answer of its round accepted and closes the round, then times
`census.certify.certify` (figures + one CertifiedCamera per camera, in one transaction; the
round is reopened and closed between runs), the plan, its XLSX and PDF, beside a SELECT of
the same camera rows measured in the same run. Issue target: certifying in seconds.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
import quality_bench  # noqa: E402

DB_NAME = "sz_certify"


def ready_round():
    """The older round of quality_bench with every answer accepted, closed for review."""
    from safetyzone.census.models import Round, RoundStatus, Submission, SubmissionStatus

    round_ = Round.objects.get(province_id=quality_bench.PROVINCE, title="2568")
    Submission.objects.filter(round=round_).update(status=SubmissionStatus.ACCEPTED, has_cameras=True)
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.CLOSED)
    round_.refresh_from_db()
    return round_


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--cameras", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    common.header(f"certification and plan, one province of {args.cameras:,} cameras, {args.db}")
    quality_bench.DB_NAME = DB_NAME
    quality_bench.fresh_database(args.db)
    common.setup(args.db, DB_NAME)
    seconds, user = common.timed(quality_bench.build, args.cameras)
    common.line("generated cameras", f"{args.cameras:,}", f"in {seconds:.1f} s")
    from django.utils import translation

    from safetyzone.census import certify, plan, plan_files, rounds
    from safetyzone.census.models import RoundStatus
    from safetyzone.census.snapshot import answering_camera_rows

    round_ = ready_round()
    select, certs = [], []
    for i in range(args.repeat):
        select.append(common.timed(lambda: list(answering_camera_rows(round_)))[0])
        seconds, cert = common.timed(lambda: certify.certify(user, round_, reason="bench"))
        certs.append(seconds)
        if i < args.repeat - 1:
            rounds.move_round(user, round_, RoundStatus.OPEN, "bench")
            rounds.move_round(user, round_, RoundStatus.CLOSED)
    s_s, c_s = statistics.median(select), statistics.median(certs)
    common.line("baseline: SELECT of the answering cameras", common.ms(s_s), f"{cert.cameras.count():,} rows")
    common.line("certify (figures + snapshot rows), median", common.ms(c_s), f"{c_s / s_s:.1f}x the SELECT")
    with translation.override("th"):
        p_s, built = common.timed(lambda: plan.build(round_))
        x_s, xlsx = common.timed(lambda: plan_files.plan_xlsx(built))
        f_s, pdf = common.timed(lambda: plan_files.plan_pdf(built))
        w_s, _pdf = common.timed(lambda: plan_files.plan_pdf(built))
    common.line("plan from the certified figures", common.ms(p_s))
    common.line("plan XLSX", common.ms(x_s), f"{len(xlsx) // 1024} KB")
    common.line("plan PDF, first in the process", common.ms(f_s), f"{len(pdf) // 1024} KB (loads fonts, Thai dictionary)")
    common.line("plan PDF, again", common.ms(w_s), f"{f_s / w_s:.1f}x faster than the first")


if __name__ == "__main__":
    main()

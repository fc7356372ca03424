"""Render the referral screens and the printed slip in Chinese over demo data.

    QT_QPA_PLATFORM=offscreen python -m tools.screenshots.referrals OUTDIR

A throw-away data folder with a real encrypted database and synthetic residents only; the
slip PDF is written into OUTDIR beside the screenshots.
"""

from __future__ import annotations

import sys
from pathlib import Path

from psyroom.demo.service import fill_demo_data
from psyroom.installation import Installation
from psyroom.referrals.model import Referral
from psyroom.session import Session
from tools.screenshots.app import PASSWORD, Shooter, on_worker, outdir_main, settle, wait_until
from ui.main_window import MainWindow
from ui.referrals.directory import DirectoryDialog
from ui.referrals.form import ReferralDialog
from ui.referrals.page import ReferralsPage
from ui.referrals.steps import ReceiptDialog


def prepare(inst: Installation) -> Session:
    def setup() -> Session:
        result = inst.initialise(site_kind="room", room_type="village", site_code="HX-001",
                                 site_name="河西村心理服务室", admin_name="wangfang",
                                 admin_password=PASSWORD, admin_display_name="王芳")
        session = result.session
        session.referrals.save_settings(address="山城街道河西村委会二楼",
                                        phone="0359-1234567", overdue_days=14)
        fill_demo_data(session, residents=60, months=2)
        return session

    session: Session = on_worker(setup)
    return session


def run(out: Path, data_dir: Path) -> None:
    shooter = Shooter(out)
    inst = Installation(data_dir)
    session = prepare(inst)
    window = MainWindow(session, inst, inst.load_settings(), idle_ms=3_600_000)
    window.resize(1180, 860)
    window.show()
    home = window.page_by_key["home"]
    wait_until(lambda: getattr(home, "dashboard", None) is not None
               and home.dashboard.board is not None)  # type: ignore[attr-defined]
    settle(0.5)
    shooter.shoot(window, "dashboard-referrals")

    page = window.page_by_key["referrals"]
    assert isinstance(page, ReferralsPage)
    window.nav.setCurrentRow(list(window.page_by_key).index("referrals"))
    wait_until(lambda: page.table.rowCount() > 0)
    issued = next(i for i, r in enumerate(page.rows) if r.status == "issued")
    page.table.selectRow(issued)
    wait_until(lambda: page.chosen is not None)
    settle(0.3)
    shooter.shoot(window, "referrals-page")

    chosen: Referral = page.rows[issued]
    slip = on_worker(lambda: session.referrals.write_slip(chosen.id, out / "slip.pdf"))
    print(slip)

    receipt = ReceiptDialog(session, chosen, window)
    receipt.receiver.setText("门诊护士 李梅")
    receipt.show()
    shooter.shoot(receipt, "referral-receipt")
    receipt.reject()

    directory = DirectoryDialog(session, window)
    directory.show()
    wait_until(lambda: directory.table.rowCount() > 0)
    directory.table.selectRow(0)
    settle(0.3)
    shooter.shoot(directory, "institution-directory")
    directory.reject()

    draft = next((r for r in page.rows if r.status == "draft"), None)
    form = ReferralDialog(session, window, referral=draft)
    form.show()
    wait_until(lambda: form.institution.count() > 0 and form.picker.resident is not None)
    settle(0.3)
    shooter.shoot(form, "referral-form")
    form.reject()
    window.end_session("")
    settle(0.5)


def main(argv: list[str] | None = None) -> int:
    return outdir_main("tools.screenshots.referrals", run, argv)


if __name__ == "__main__":
    sys.exit(main())

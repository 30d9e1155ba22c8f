"""`hamkari extract` (hamkari/cli/articles.py): JSON Lines, readable reports, and bad files in a batch."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hamkari.cli import main

GOOD_FA = "به گزارش ایرنا، مهدی یونسی، استاندار مازندران، گفت کارگروه مشترک ظرف دو هفته آینده گزارش می‌دهد."
GOOD_RU = "Губернатор Астраханской области Игорь Бабушкин встретился с консулом Ирана, сообщает ТАСС."


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    (tmp_path / "a_good_fa.txt").write_text(GOOD_FA, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "d_utf16.txt").write_bytes(GOOD_FA.encode("utf-16-le"))
    (tmp_path / "e_legacy.txt").write_bytes("استاندار گيلان با سفير روسيه ديدار كرد.".encode("cp1256"))
    (tmp_path / "f_good_ru.txt").write_text(GOOD_RU, encoding="utf-8")
    (tmp_path / "g_page.html").write_text(
        "<html><body><nav>منو</nav><p>" + GOOD_FA + "</p><script>x()</script></body></html>", encoding="utf-8"
    )
    return tmp_path


def test_it_prints_one_json_line_per_readable_file_and_one_error_line_per_bad_one(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(["extract", "--json", str(batch)], monkeypatch)
    assert code == 1
    sources = [Path(json.loads(line)["document"]["source"]).name for line in out.splitlines()]
    assert sources == ["a_good_fa.txt", "e_legacy.txt", "f_good_ru.txt", "g_page.html"]
    errors = [line for line in err.splitlines() if ": note: " not in line]
    assert errors == [
        f"hamkari: {batch / 'b_empty.txt'}: file is empty",
        f"hamkari: {batch / 'c_binary.bin'}: binary file (contains NUL bytes), not text",
        f"hamkari: {batch / 'd_utf16.txt'}: looks like UTF-16 without a byte-order mark; re-save it as UTF-8",
    ]
    assert (
        f"hamkari: {batch / 'e_legacy.txt'}: note: not UTF-8: decoded as Windows-1256 (Arabic/Persian)" in err
    )


def test_the_errors_and_notes_of_a_batch_are_in_the_command_lines_language(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    monkeypatch.setenv("HAMKARI_EXTRACTION_BUDGET", "1e-9")  # every readable file runs out of time
    code, out, err = run(["extract", "--json", str(batch)], monkeypatch)
    assert (code, out) == (1, "")
    assert f"hamkari: {batch / 'b_empty.txt'}: файл пуст\n" in err
    assert f"hamkari: {batch / 'e_legacy.txt'}: примечание: не UTF-8: декодировано как Windows-1256" in err
    assert (
        f"hamkari: {batch / 'f_good_ru.txt'}: извлечение заняло больше отведённых 1e-09 с (в компоненте"
        in err
    )
    assert "file is empty" not in err and "time budget" not in err


def test_it_exits_zero_when_every_file_was_read(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(
        ["extract", "--json", str(batch / "a_good_fa.txt"), str(batch / "f_good_ru.txt")], monkeypatch
    )
    assert code == 0
    assert [json.loads(line)["document"]["language"] for line in out.splitlines()] == ["fa", "ru"]


def test_it_reports_a_missing_path_and_goes_on(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run(
        ["extract", "--json", str(batch / "nope.txt"), str(batch / "f_good_ru.txt")], monkeypatch
    )
    assert code == 1
    assert f"hamkari: {batch / 'nope.txt'}: no such file or folder" in err
    assert len(out.splitlines()) == 1


def test_it_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["extract", "--json", "-"], monkeypatch, stdin=GOOD_RU.encode("utf-8"))
    assert code == 0
    assert json.loads(out)["document"]["source"] == "-"


def test_published_resolves_relative_deadlines(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = run(
        ["extract", "--json", "--published", "2025-12-03", str(batch / "a_good_fa.txt")], monkeypatch
    )
    commitment = json.loads(out)["commitments"][0]
    assert (commitment["due_relative"], commitment["due"]) == ("P14D", "2025-12-17")


def test_it_refuses_a_malformed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(["extract", "--published", "03/12/2025", "-"], monkeypatch)
    assert exit_info.value.code == 2


@pytest.mark.django_db
def test_the_ingest_summary_counts_in_persian_digits_when_it_speaks_persian(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    files = [str(batch / "a_good_fa.txt"), str(batch / "b_empty.txt")]
    code, out, _err = run(["ingest", "--no-progress", *files], monkeypatch)
    assert code == 1
    assert out.splitlines()[0] == "تازه ۱، تکراری ۰، ناموفق ۱"


def test_the_readable_report_quotes_the_evidence(batch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["extract", str(batch / "f_good_ru.txt")], monkeypatch)
    assert code == 0
    assert "«Астраханской области»" in out
    assert "role head of region (RU-AST, RU)" in out


def test_it_rejects_a_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text("استاندار " * 20, encoding="utf-8")
    code, _, err = run(["extract", "--max-bytes", "50", str(big)], monkeypatch)
    assert code == 1
    assert "file is too large" in err


def test_the_installed_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hamkari.cli", "extract", "--json", "-"],
        input=GOOD_RU.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "hamkari.extraction/1"


def _poison_batch(folder: Path) -> None:
    """Good articles with each kind of poison file between them."""
    (folder / "1_good.txt").write_text(GOOD_FA, encoding="utf-8")
    (folder / "2_huge_number.txt").write_text(f"Сумма составила {'9' * 5000} рублей.", encoding="utf-8")
    (folder / "3_good.txt").write_text(GOOD_RU, encoding="utf-8")
    (folder / "4_rare_letter.txt").write_text("Губернатор встретился с \U00017000при.", encoding="utf-8")
    (folder / "5_bom_then_garbage.txt").write_bytes(b"\xef\xbb\xbf" + "گیلان".encode() + b"\xff\xfe\xfd")
    (folder / "6_poison.txt").write_text(GOOD_RU + " POISON", encoding="utf-8")
    (folder / "7_good.txt").write_text(GOOD_FA + " گیلان", encoding="utf-8")


def test_a_poison_file_fails_alone_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hamkari.extraction.components.quantities import QuantityFinder
    from hamkari.extraction.document import Document

    original = QuantityFinder.__call__

    def fails_on_poison(self: QuantityFinder, doc: Document) -> None:
        if "POISON" in doc.text:
            raise RuntimeError("an internal fault")
        original(self, doc)

    monkeypatch.setattr(QuantityFinder, "__call__", fails_on_poison)
    _poison_batch(tmp_path)
    code, out, err = run(["extract", "--json", str(tmp_path)], monkeypatch)
    assert code == 1
    sources = [Path(json.loads(line)["document"]["source"]).name for line in out.splitlines()]
    assert sources == ["1_good.txt", "2_huge_number.txt", "3_good.txt", "4_rare_letter.txt", "7_good.txt"]
    assert err.splitlines() == [
        f"hamkari: {tmp_path / '5_bom_then_garbage.txt'}: invalid UTF-8 at byte 13 (0xff) after a UTF-8 "
        "byte-order mark",
        f"hamkari: {tmp_path / '6_poison.txt'}: internal error in component 'quantities': "
        "RuntimeError: an internal fault",
    ]


@pytest.mark.django_db
def test_ingest_says_a_missing_file_in_persian_without_the_systems_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plain.txt").write_text(GOOD_RU, encoding="utf-8")
    monkeypatch.setenv("HAMKARI_LANGUAGE", "fa")
    missing, under_a_file = tmp_path / "nope.txt", tmp_path / "plain.txt" / "inner.txt"
    code, out, _ = run(["ingest", "--no-progress", str(missing), str(under_a_file)], monkeypatch)
    assert code == 1
    assert f"{missing}: چنین پرونده یا پوشه‌ای نیست" in out
    assert f"{under_a_file}: خواندن ممکن نشد: بخشی از مسیر پوشه نیست" in out
    assert "No such file" not in out and "Not a directory" not in out


def test_extract_says_a_path_through_a_file_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plain.txt").write_text(GOOD_RU, encoding="utf-8")
    monkeypatch.setenv("HAMKARI_LANGUAGE", "ru")
    code, _, err = run(["extract", "--json", str(tmp_path / "plain.txt" / "inner.txt")], monkeypatch)
    assert (code, err) == (
        1,
        f"hamkari: {tmp_path / 'plain.txt' / 'inner.txt'}: не удалось прочитать: часть пути — не папка\n",
    )

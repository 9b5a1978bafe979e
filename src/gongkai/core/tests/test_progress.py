import io

from gongkai.core.progress import Progress, describe


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_line_states_counts_share_and_time_left():
    assert describe("导入", 250, 1000, 10.0, bar=False) == "导入 250/1,000  25% 已用 00:10 剩余约 00:30"
    assert describe("导入", 0, 1000, 0.0, bar=False) == "导入 0/1,000   0% 已用 00:00 剩余时间估算中"
    assert describe("索引", 1500, None, 3725.0, bar=False) == "索引 1,500 已用 1:02:05"


def test_a_bar_on_a_terminal():
    line = describe("导入", 500, 1000, 20.0, bar=True)
    assert line == "导入 [############............] 500/1,000  50% 已用 00:20 剩余约 00:20"


def test_plain_lines_at_every_tenth_and_a_last_line_when_not_a_terminal():
    out, clock = io.StringIO(), Clock()
    with Progress(out, "导入", total=100, every=60, clock=clock) as progress:
        for done in range(1, 101):
            clock.now += 0.01
            progress(done)
    lines = out.getvalue().splitlines()
    # the first call and one per tenth (10..100); the closing line would repeat the last, so it is left out
    assert len(lines) == 11 and "\r" not in out.getvalue()
    assert lines[0].startswith("导入 1/100") and lines[-1].startswith("导入 100/100 100%")


def test_plain_lines_also_every_few_seconds_when_the_total_is_unknown():
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, "索引", every=5, clock=clock)
    for done in range(1, 31):
        clock.now += 1
        progress(done)
    assert [line.split()[1] for line in out.getvalue().splitlines()] == ["1", "6", "11", "16", "21", "26"]


def test_a_terminal_line_is_rewritten_in_place_at_most_ten_times_a_second():
    out, clock = Terminal(), Clock()
    with Progress(out, "导入", total=1000, clock=clock) as progress:
        for done in range(1, 1001):
            clock.now += 0.001
            progress(done)
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("1,000/1,000 100% 已用 00:01 剩余约 00:00\n")
    assert 9 <= text.count("\r") <= 12


def test_the_closing_line_tells_the_time_the_work_took():
    out, clock = io.StringIO(), Clock()
    with Progress(out, "导入", total=10, clock=clock) as progress:
        progress(10)
        clock.now += 65
    assert out.getvalue().splitlines()[-1] == "导入 10/10 100% 已用 01:05 剩余约 00:00"


def test_work_refused_before_it_began_prints_nothing():
    out = io.StringIO()
    with Progress(out, "导入", total=10):
        pass
    assert out.getvalue() == ""


def test_a_note_replaces_the_bar_on_a_terminal_and_is_a_plain_line_in_a_log():
    out, clock = Terminal(), Clock()
    progress = Progress(out, "载入", total=2, clock=clock)
    progress(1)
    progress.note("[演示数据] 机构与账号：完成")
    assert out.getvalue().endswith("\r\033[K[演示数据] 机构与账号：完成\n")
    log = io.StringIO()
    Progress(log, "载入", total=2).note("一行")
    assert log.getvalue() == "一行\n"

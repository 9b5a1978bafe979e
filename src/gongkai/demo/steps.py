"""The demo, in loading order. Each step is idempotent: it checks what exists before writing.

Areas add their step here (module path and function name); a step returns a short summary line.
"""

from importlib import import_module

STEPS: list[tuple[str, str]] = [
    ("机构与账号", "gongkai.demo.load_agencies:load_step"),
    ("主动公开目录", "gongkai.demo.load_catalog:load_step"),
    ("互动与工作记录", "gongkai.demo.load_engagement:load_step"),
    ("依申请公开", "gongkai.demo.load_cases:load_step"),
    ("网站集群", "gongkai.demo.load_sites:load_step"),
    # Last: the annual reports are computed from every other area's demo records.
    ("年度报告", "gongkai.demo.load_reports:load_step"),
]


def run_steps(write=print, on_progress=None) -> None:
    for done, (label, target) in enumerate(STEPS, 1):
        module_name, func_name = target.split(":")
        summary = getattr(import_module(module_name), func_name)()
        write(f"[演示数据] {label}：{summary}")
        if on_progress:
            on_progress(done, len(STEPS))

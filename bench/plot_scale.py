#!/usr/bin/env python3
"""Draws bench_scale's figures against team size as one small SVG.

    plot_scale.py BENCH_RESULTS_JSON OUT_SVG

Reads the "scale" records of bench-results.json (bench/run.sh writes it) and
draws four panels against N (log scale): start time, idle CPU (the supervisor
and tmux next to the polling way), CPU with every pane printing (ours next to
polling), and RSS with send p50. Plain SVG, no plotting library needed.
"""
import json
import math
import sys

W, H = 300, 200          # one panel
PAD_L, PAD_R, PAD_T, PAD_B = 48, 12, 28, 32
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def nice_max(v):
    if v <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * exp:
            return m * exp
    return 10 * exp


def panel(x0, y0, title, ns, series, unit):
    """series: list of (label, values); values aligned with ns."""
    out = [f'<g transform="translate({x0},{y0})">',
           f'<text x="{W / 2}" y="16" text-anchor="middle" font-weight="bold">{esc(title)}</text>']
    pw, ph = W - PAD_L - PAD_R, H - PAD_T - PAD_B
    top = nice_max(max((v for _, vs in series for v in vs), default=1))
    lo, hi = math.log2(min(ns)), math.log2(max(ns))
    span = hi - lo or 1

    def px(n):
        return PAD_L + (math.log2(n) - lo) / span * pw

    def py(v):
        return PAD_T + ph - v / top * ph

    out.append(f'<rect x="{PAD_L}" y="{PAD_T}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
    for i in range(5):
        v = top * i / 4
        out.append(f'<line x1="{PAD_L}" x2="{PAD_L + pw}" y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{PAD_L - 4}" y="{py(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
    for n in ns:
        out.append(f'<text x="{px(n):.1f}" y="{PAD_T + ph + 14}" text-anchor="middle">{n}</text>')
    out.append(f'<text x="{PAD_L + pw / 2}" y="{H - 2}" text-anchor="middle">workers (N, log scale) · {esc(unit)}</text>')
    for k, (label, vs) in enumerate(series):
        c = COLOURS[k % len(COLOURS)]
        pts = " ".join(f"{px(n):.1f},{py(v):.1f}" for n, v in zip(ns, vs))
        out.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2"/>')
        for n, v in zip(ns, vs):
            out.append(f'<circle cx="{px(n):.1f}" cy="{py(v):.1f}" r="2.5" fill="{c}"/>')
        out.append(f'<text x="{PAD_L + 6}" y="{PAD_T + 12 + 12 * k}" fill="{c}">{esc(label)}</text>')
    out.append("</g>")
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_scale.py BENCH_RESULTS_JSON OUT_SVG")
    with open(sys.argv[1]) as f:
        records = [r for r in json.load(f) if r.get("bench") == "scale"]
    if not records:
        sys.exit(f"{sys.argv[1]} has no bench_scale records; run make bench first")
    # One point per N: the latest record of each (a file may hold several runs).
    records = sorted({r["n"]: r for r in records}.values(), key=lambda r: r["n"])
    ns = [r["n"] for r in records]
    col = lambda key: [float(r.get(key, 0)) for r in records]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{2 * H}" '
             f'font-family="sans-serif" font-size="10">',
             f'<rect width="{2 * W}" height="{2 * H}" fill="white"/>']
    parts += panel(0, 0, "start: run → every pane ready", ns, [("seconds", col("start_s"))], "s")
    parts += panel(W, 0, "idle CPU, % of a core", ns,
                   [("supervisor", col("idle_cpu_pct")), ("tmux server", col("tmux_cpu_pct")),
                    ("polling 500 ms (simple way)", col("idle_poll_cpu_pct"))], "%")
    parts += panel(0, H, "every pane printing 10 KiB/s, CPU %", ns,
                   [("supervisor", col("output_cpu_pct")), ("tmux server", col("output_tmux_cpu_pct")),
                    ("polling 500 ms", col("output_poll_cpu_pct"))], "%")
    parts += panel(W, H, "supervisor RSS (MiB)", ns, [("RSS", col("rss_mib"))], "MiB")
    parts.append("</svg>")
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()

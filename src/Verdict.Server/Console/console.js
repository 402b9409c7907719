// Verdict analyst console. Every value from the server is put in the page with textContent, never as HTML.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  let key = sessionStorage.getItem("verdict-key") || "";
  let cases = [];
  let selected = -1;
  let current = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function say(text) { $("status").textContent = text; }

  async function api(path, options = {}) {
    const headers = Object.assign({ "X-Api-Key": key }, options.body ? { "Content-Type": "application/json" } : {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
      throw new Error(response.status + ": " + detail);
    }
    return response.status === 204 ? null : response.json();
  }

  async function loadQueue() {
    const params = new URLSearchParams();
    if ($("filter-decision").value) params.set("decision", $("filter-decision").value);
    if ($("filter-status").value) params.set("status", $("filter-status").value);
    const rank = ["INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL"];
    cases = (await api("/cases?" + params.toString()))
      .sort((a, b) => rank.indexOf(b.severity) - rank.indexOf(a.severity) || String(b.updated_at).localeCompare(String(a.updated_at)));
    const list = $("queue");
    list.replaceChildren();
    cases.forEach((c, i) => {
      const button = el("button", null, "case-row sev-" + c.severity);
      button.type = "button";
      button.dataset.caseId = c.id;
      button.append(el("span", c.severity, "badge"), el("span", c.decision, "badge"), el("span", c.title));
      button.addEventListener("click", () => { select(i); openCase(c.id); });
      const item = el("li");
      item.append(button);
      list.append(item);
    });
    say(cases.length + " case(s)");
  }

  function select(i) {
    const buttons = [...document.querySelectorAll("#queue button")];
    if (buttons.length === 0) return;
    selected = Math.max(0, Math.min(i, buttons.length - 1));
    buttons.forEach((b, j) => b.classList.toggle("selected", j === selected));
    buttons[selected].focus();
  }

  async function openCase(id) {
    const detail = await api("/cases/" + encodeURIComponent(id));
    current = detail;
    const c = detail.case;
    $("case-view").hidden = false;
    $("case-title").textContent = c.title;
    $("case-meta").textContent = `${c.severity} · ${c.classification} · ${c.decision} · ${c.status} · ${c.alert_count} alert(s) · user ${c.user ?? "unknown"} · ${c.first_seen} – ${c.last_seen}`;
    const alerts = $("alerts");
    alerts.replaceChildren();
    const timeline = [];
    for (const a of detail.alerts) {
      const b = a.brief;
      const box = el("div", null, "alert");
      box.append(el("h3", `${a.rule ?? "alert"} (${a.source_alert_id ?? a.alert_id})`));
      box.append(el("p", `${b.classification} · ${b.severity} · ${b.decision} · confidence ${b.confidence}`));
      box.append(el("p", b.likely_cause));
      box.append(el("p", "Why: " + (b.decision_reason ?? "")));
      const evidence = el("ul");
      for (const e of b.evidence ?? []) evidence.append(el("li", `${e.supports}: ${e.description}`, "ev-" + e.supports));
      box.append(el("h4", "Evidence"), evidence);
      const questions = el("ul");
      for (const q of b.questions ?? []) questions.append(el("li", q));
      box.append(el("h4", "Questions"), questions);
      const raw = el("pre", JSON.stringify(b.alert ?? {}, null, 2));
      box.append(el("h4", "Alert as received"), raw);
      alerts.append(box);
      for (const t of a.timeline ?? []) timeline.push(t);
    }
    const list = $("timeline");
    list.replaceChildren();
    timeline.sort((x, y) => String(x.time).localeCompare(String(y.time)));
    for (const t of timeline) list.append(el("li", `${t.time} ${t.kind}: ${t.text}`));
    const history = $("history");
    history.replaceChildren();
    for (const f of detail.feedback) history.append(el("li", `${f.time} ${f.analyst}: ${f.correct ? "confirmed" : "corrected to " + f.classification} ${f.note ?? ""}`, "feedback"));
    for (const h of detail.history) history.append(el("li", `${h.at} ${h.kind} by ${h.actor}: ${h.detail ?? ""}`));
  }

  async function feedback(correct, classification, severity, note) {
    if (!current) return;
    await api("/feedback", { method: "POST", body: JSON.stringify({ case_id: current.case.id, correct, classification, severity: severity || null, note: note || null }) });
    say(correct ? "Verdict confirmed" : "Verdict corrected to " + classification);
    await openCase(current.case.id);
    await loadAccuracy();
  }

  const svgNs = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, text) {
    const e = document.createElementNS(svgNs, tag);
    for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, String(value));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  // Accuracy by day as an inline SVG bar chart (the last 30 days with feedback), a running-accuracy line over it, and the
  // same figures in the table below for screen readers and keyboard users. Each bar can be focused and names its day.
  function drawChart(days) {
    days = days.slice(-30);
    const width = 260, height = 140, left = 28, bottom = 18, top = 8;
    const plotHeight = height - bottom - top;
    const judged = days.reduce((n, d) => n + d.judged, 0);
    const correct = days.reduce((n, d) => n + d.correct, 0);
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", tabindex: 0, "aria-labelledby": "accuracy-svg-title accuracy-svg-desc",
      "data-days": days.length, "data-judged": judged, "data-correct": correct });
    chart.append(svg("title", { id: "accuracy-svg-title" }, "Accuracy by day"));
    chart.append(svg("desc", { id: "accuracy-svg-desc" }, days.length === 0 ? "No feedback yet."
      : `${days.length} day(s) with feedback; ${correct} of ${judged} verdicts confirmed. ` +
        days.map((d) => `${d.day}: ${Math.round((d.accuracy ?? 0) * 100)}% of ${d.judged}`).join("; ") + "."));
    for (const pct of [0, 50, 100]) {
      const y = top + plotHeight * (1 - pct / 100);
      chart.append(svg("line", { x1: left, x2: width, y1: y, y2: y, class: "grid" }));
      chart.append(svg("text", { x: left - 3, y: y + 3, class: "axis", "text-anchor": "end" }, pct + "%"));
    }
    if (days.length === 0) chart.append(svg("text", { x: left + 8, y: top + plotHeight / 2, class: "axis" }, "no feedback yet"));
    const step = (width - left) / Math.max(days.length, 1);
    const points = [];
    let runJudged = 0, runCorrect = 0;
    days.forEach((d, i) => {
      const share = d.accuracy ?? 0;
      const barHeight = Math.max(plotHeight * share, 1);
      const x = left + i * step + step * 0.15;
      const bar = svg("rect", { x, y: top + plotHeight - barHeight, width: step * 0.7, height: barHeight, class: "day-bar", tabindex: 0,
        "data-day": d.day, "data-accuracy": Math.round(share * 100), "data-judged": d.judged, role: "img",
        "aria-label": `${d.day}: ${Math.round(share * 100)}% of ${d.judged} verdict(s) confirmed` });
      bar.append(svg("title", {}, `${d.day}: ${d.correct} of ${d.judged} confirmed`));
      chart.append(bar);
      if (days.length <= 10 || i % Math.ceil(days.length / 5) === 0)
        chart.append(svg("text", { x: x + step * 0.35, y: height - 5, class: "axis", "text-anchor": "middle" }, d.day.slice(5)));
      runJudged += d.judged; runCorrect += d.correct;
      points.push(`${x + step * 0.35},${top + plotHeight * (1 - runCorrect / runJudged)}`);
    });
    if (points.length > 1) chart.append(svg("polyline", { points: points.join(" "), class: "running" }));
    $("accuracy-chart").replaceChildren(chart);
    const table = $("accuracy-days");
    table.querySelectorAll("tr").forEach((r) => r.remove());
    const head = el("tr");
    for (const h of ["Day", "Judged", "Confirmed", "Accuracy"]) head.append(el("th", h));
    table.append(head);
    for (const d of days) {
      const row = el("tr");
      row.append(el("td", d.day), el("td", d.judged), el("td", d.correct), el("td", Math.round((d.accuracy ?? 0) * 100) + "%"));
      table.append(row);
    }
  }

  async function loadAccuracy() {
    const report = await api("/feedback/accuracy");
    drawChart(report.over_time ?? []);
    const o = report.overall;
    $("accuracy-overall").textContent = o.judged === 0 ? "no feedback yet" : `${Math.round(o.accuracy * 100)}% (${o.correct} of ${o.judged})`;
    const bars = $("accuracy-bars");
    bars.replaceChildren();
    for (const [name, cell] of Object.entries(report.by_classification)) {
      const row = el("div", null, "bar-row");
      row.append(el("span", `${name}: ${Math.round((cell.accuracy ?? 0) * 100)}% of ${cell.judged}`));
      const bar = el("div", null, "bar");
      bar.style.width = Math.round((cell.accuracy ?? 0) * 100) + "%";
      row.append(bar);
      bars.append(row);
    }
    const table = $("confusion");
    table.querySelectorAll("tr").forEach((r) => r.remove());
    const head = el("tr");
    head.append(el("th", ""));
    for (const l of report.labels) head.append(el("th", l));
    table.append(head);
    for (const p of report.labels) {
      const row = el("tr");
      row.append(el("th", p));
      for (const a of report.labels) row.append(el("td", report.confusion[p][a]));
      table.append(row);
    }
  }

  async function connect() {
    try {
      await loadQueue();
      await loadAccuracy();
    } catch (e) {
      say("Could not load: " + e.message);
    }
  }

  function guard(action) { return () => action().catch((e) => say("Failed: " + e.message)); }

  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    key = $("api-key").value.trim();
    sessionStorage.setItem("verdict-key", key);
    connect();
  });
  $("refresh").addEventListener("click", guard(loadQueue));
  $("filter-decision").addEventListener("change", guard(loadQueue));
  $("filter-status").addEventListener("change", guard(loadQueue));
  $("confirm").addEventListener("click", guard(() => feedback(true, null, null, $("correct-note").value)));
  $("false-positive").addEventListener("click", guard(() => feedback(false, "BENIGN", "INFO", $("correct-note").value || "false positive")));
  $("correct").addEventListener("click", guard(() => feedback(false, $("correct-class").value, $("correct-severity").value, $("correct-note").value)));
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    if (event.key === "j") select(selected + 1);
    else if (event.key === "k") select(selected - 1);
    else if (event.key === "Enter" && selected >= 0 && cases[selected]) guard(() => openCase(cases[selected].id))();
    else if (event.key === "c") $("confirm").click();
    else if (event.key === "x") $("false-positive").click();
    else if (event.key === "r") guard(loadQueue)();
    else return;
    event.preventDefault();
  });
  if (key) { $("api-key").value = key; connect(); }
})();

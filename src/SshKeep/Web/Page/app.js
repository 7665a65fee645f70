// sshkeep's web page: polls /api/state every 2 s and draws the table and the timeline.
// Everything that comes from tunnels or ssh is put into the page with textContent, never parsed
// as HTML, so a hostile error line from a server cannot become markup.
"use strict";
(function () {
  const POLL_MS = 2000;
  // A notice says an action was taken; it goes once the table shows the action's effect (the
  // tunnel changed state), and at the latest after a few seconds, so it never reads as current news
  // minutes later. A refusal stays a little longer, to be read.
  const NOTICE_MIN_MS = 1500;
  const NOTICE_MAX_MS = 6000;
  const NOTICE_BAD_MS = 15000;
  const token = document.querySelector('meta[name="sshkeep-token"]').content;
  const $ = (id) => document.getElementById(id);
  let windowSeconds = 3600;
  let last = null;
  let busy = false;
  let pending = null;
  let noticeTimer = 0;
  // Errors opened by a click stay open across the table's redraws.
  const opened = new Set();

  const two = (n) => String(n).padStart(2, "0");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // As `sshkeep status` prints durations: 45s, 3m12s, 2h05m, 3d04h.
  function duration(seconds) {
    let s = Math.max(0, Math.floor(seconds));
    if (s < 60) return s + "s";
    if (s < 3600) return Math.floor(s / 60) + "m" + two(s % 60) + "s";
    if (s < 86400) return Math.floor(s / 3600) + "h" + two(Math.floor(s % 3600 / 60)) + "m";
    return Math.floor(s / 86400) + "d" + two(Math.floor(s % 86400 / 3600)) + "h";
  }

  // Local 24-hour clock time; the timeline's labels and tips use it.
  function clock(ms) {
    const d = new Date(ms);
    return two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds());
  }

  // The one format of an absolute time on the page: local date and 24-hour time with the zone's
  // offset, the same whatever the browser's language ("2026-12-06 18:34:41 +01:00").
  function stamp(ms) {
    const d = new Date(ms);
    const offset = -d.getTimezoneOffset();
    const zone = (offset < 0 ? "-" : "+") + two(Math.floor(Math.abs(offset) / 60)) + ":" + two(Math.abs(offset) % 60);
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + clock(ms) + " " + zone;
  }

  const waiting = new Set(["backoff", "waiting-for-remote-port", "needs-attention"]);

  // The state's name stays one unbroken word; what it waits for goes on the line below it.
  function stateDetail(t) {
    const since = "for " + duration(t.sinceSeconds);
    return t.state === "waiting-for-remote-port" && t.heldRemotePort ? since + " · port " + t.heldRemotePort + " held" : since;
  }

  // A long error shows its first line (a few lines on a phone); a click or Enter shows all of it,
  // and the full text is also the element's tooltip.
  function errorCell(t) {
    // An up tunnel's last error is resolved: not shown as a current problem, kept in the hint.
    const current = t.lastError && !t.lastErrorPast;
    const td = cell("Last error", "error", current ? t.lastError : "–");
    if (!t.lastError) return td;
    const value = td.firstChild;
    if (!current) {
      value.title = "resolved; " + (t.lastErrorAgoSeconds === null ? "" : duration(t.lastErrorAgoSeconds) + " ago: ") + t.lastError;
      return td;
    }
    value.title = t.lastError;
    value.tabIndex = 0;
    value.setAttribute("role", "button");
    const show = (open) => {
      value.classList.toggle("open", open);
      value.setAttribute("aria-expanded", String(open));
    };
    show(opened.has(t.name));
    const toggle = () => {
      if (opened.has(t.name)) opened.delete(t.name); else opened.add(t.name);
      show(opened.has(t.name));
    };
    value.addEventListener("click", toggle);
    value.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
    });
    return td;
  }

  // Seconds as the log writes them: a tenth under ten seconds (1.5s), else as the table (3m12s).
  const seconds = (s) => s < 10 ? s.toFixed(1) + "s" : duration(s);

  // The ports sshkeep holds for the tunnel (docs/held-ports.md, "Counts"), under its name: per port its address,
  // the clients open and waiting now, and those accepted and failed since it was first held; null when it holds none.
  // Short lines, so the table keeps its width (a column of its own would push the buttons off a crowded table).
  function heldPorts(t) {
    if (!t.forwards || t.forwards.length === 0) return null;
    const held = el("div", "held");
    for (const f of t.forwards) {
      const port = el("div", "forward" + (f.waiting > 0 ? " waiting" : ""));
      port.dataset.listen = f.listen;
      for (const count of ["accepted", "waiting", "open", "failed"]) port.dataset[count] = String(f[count]);
      port.title = f.kind + " forward " + f.listen + ": " + f.open + " open and " + f.waiting + " waiting now; " + f.accepted +
        " clients accepted, " + f.failed + " failed; " + seconds(f.waitSeconds) + " waited for a session in all";
      port.append(el("span", "sub", f.listen), el("span", "sub now", f.open + " open · " + f.waiting + " waiting"),
        el("span", "sub", f.accepted + " accepted · " + f.failed + " failed"));
      held.appendChild(port);
    }
    return held;
  }

  // One value per cell, in one element: on a phone each cell is a label and that element side by side.
  // append() makes text nodes of strings; nothing here is parsed as HTML.
  function cell(label, className, ...content) {
    const td = el("td", className);
    td.dataset.label = label;
    const value = el("div", "value");
    value.append(...content);
    td.appendChild(value);
    return td;
  }

  function renderTable(state) {
    const extras = new Map(state.tunnels.map((x) => [x.name, x]));
    const rows = $("tunnel-rows");
    const fresh = document.createDocumentFragment();
    for (const t of state.status.tunnels) {
      const extra = extras.get(t.name) || {};
      const tr = el("tr");
      tr.dataset.tunnel = t.name;
      tr.dataset.state = t.state;
      tr.dataset.restarts = String(t.restarts);
      const name = cell("Tunnel", "name", t.name);
      name.firstChild.title = t.name;
      // The server of the current run (or the next one while waiting): with several, where failover has it now.
      if (t.destination) {
        const server = el("div", "sub server", t.destination);
        server.title = "server of the current run, or of the next one while waiting";
        name.appendChild(server);
      }
      const held = heldPorts(t);
      if (held) name.appendChild(held);
      tr.appendChild(name);

      tr.appendChild(cell("State", "state-cell",
        el("span", "state s-" + t.state, t.state), el("span", "sub", stateDetail(t))));

      tr.appendChild(cell("Uptime", "num uptime", t.uptimeSeconds === null ? "–" : duration(t.uptimeSeconds)));

      const why = [extra.lastRestartReason, t.lastExit].filter(Boolean).join(", ");
      // Restarts of a working tunnel; every ssh start (retries of one that never came up too) in the hint.
      const count = el("span", "restart-count", t.restarts);
      count.title = t.restarts + " restarts while working; " + t.attempts + " ssh starts in all";
      tr.appendChild(cell("Restarts", "num restarts", count,
        ...(why ? [el("span", "sub restart-reason", "last: " + why)] : [])));

      tr.appendChild(errorCell(t));

      tr.appendChild(cell("Next retry", "num next-retry",
        t.nextRetryInSeconds === null ? "–" : t.nextRetryInSeconds <= 0 ? "now" : "in " + duration(t.nextRetryInSeconds)));

      const restart = el("button", "restart", "Restart");
      restart.type = "button";
      restart.disabled = t.state === "stopped";
      restart.addEventListener("click", () => command(t.name, "restart"));
      const retry = el("button", "retry-now", "Retry now");
      retry.type = "button";
      retry.disabled = !waiting.has(t.state);
      retry.title = "end the wait and start ssh now";
      retry.addEventListener("click", () => command(t.name, "retry-now"));
      tr.appendChild(cell("", "actions", restart, retry));
      fresh.appendChild(tr);
    }
    rows.replaceChildren(fresh);
  }

  function renderTimeline(state) {
    const now = Date.parse(state.status.now);
    const start = now - windowSeconds * 1000;
    const lanes = document.createDocumentFragment();
    for (const x of state.tunnels) {
      const lane = el("div", "lane");
      lane.dataset.tunnel = x.name;
      lane.appendChild(el("div", "lane-name", x.name));
      const bar = el("div", "bar");
      const history = x.history || [];
      for (let i = 0; i < history.length; i++) {
        const from = Math.max(Date.parse(history[i].at), start);
        const to = i + 1 < history.length ? Date.parse(history[i + 1].at) : now;
        if (to <= from) continue;
        const span = el("div", "span s-" + history[i].state);
        span.style.left = ((from - start) / (now - start) * 100) + "%";
        span.style.width = ((to - from) / (now - start) * 100) + "%";
        span.title = history[i].state + " " + clock(from) + "–" + clock(to) + " (" + duration((to - from) / 1000) + ")" +
          (history[i].note ? ": " + history[i].note : "");
        bar.appendChild(span);
      }
      lane.appendChild(bar);
      lanes.appendChild(lane);
    }
    $("timeline").replaceChildren(lanes);

    const axis = document.createDocumentFragment();
    // Every 10 minutes of the hour, every 3 hours of the day, as local clock times.
    const ticks = windowSeconds <= 3600 ? 6 : 8;
    for (let i = 0; i <= ticks; i++) {
      const at = start + (now - start) * i / ticks;
      const label = el("span", null, i === ticks ? "now" : clock(at).slice(0, 5));
      label.style.left = (i / ticks * 100) + "%";
      axis.appendChild(label);
    }
    $("axis").replaceChildren(axis);
  }

  function render(state) {
    last = state;
    const tunnels = state.status.tunnels;
    const running = tunnels.filter((t) => t.state !== "stopped");
    const up = running.filter((t) => t.state === "up").length;
    $("summary").textContent = up + "/" + running.length + " up";
    $("summary").dataset.allUp = String(up === running.length);
    const d = state.status.daemon;
    $("meta").textContent = d.configPath + " · pid " + d.pid + " · sshkeep " + d.version + " · started " + stamp(Date.parse(d.startedAt));
    document.title = (up === running.length ? "" : "⚠ ") + up + "/" + running.length + " up · sshkeep";
    renderTable(state);
    renderTimeline(state);
    settleNotice(tunnels);
  }

  async function poll() {
    if (busy) return;
    busy = true;
    try {
      const response = await fetch("/api/state", { cache: "no-store", headers: { "Accept": "application/json" } });
      if (!response.ok) throw new Error("HTTP " + response.status);
      render(await response.json());
      $("live").dataset.live = "ok";
      $("live").textContent = "live · updated " + stamp(Date.now());
    } catch (e) {
      $("live").dataset.live = "lost";
      $("live").textContent = "cannot reach sshkeep (" + e.message + "); retrying";
    } finally {
      busy = false;
    }
  }

  function say(text, bad, lastsMs) {
    const notice = $("notice");
    notice.className = bad ? "notice bad" : "notice";
    notice.textContent = text;
    clearTimeout(noticeTimer);
    noticeTimer = text ? setTimeout(() => say("", false, 0), lastsMs) : 0;
    if (!text) pending = null;
  }

  // Clears the notice of an accepted action once the tunnel left the state it was in when asked.
  function settleNotice(tunnels) {
    if (!pending || Date.now() - pending.at < NOTICE_MIN_MS) return;
    const t = tunnels.find((x) => x.name === pending.name);
    if (!t || t.since !== pending.since) say("", false, 0);
  }

  async function command(name, action) {
    const before = last && last.status.tunnels.find((x) => x.name === name);
    pending = null;
    say(action + " " + name + "…", false, NOTICE_MAX_MS);
    try {
      const response = await fetch("/api/tunnels/" + encodeURIComponent(name) + "/" + action, {
        method: "POST",
        headers: { "X-SshKeep-Token": token },
      });
      const answer = await response.json().catch(() => ({ ok: false, message: "HTTP " + response.status }));
      say(answer.message || (answer.ok ? "ok" : "failed"), !answer.ok, answer.ok ? NOTICE_MAX_MS : NOTICE_BAD_MS);
      if (answer.ok && before) pending = { name: name, since: before.since, at: Date.now() };
    } catch (e) {
      say(action + " " + name + " failed: " + e.message, true, NOTICE_BAD_MS);
    }
    poll();
  }

  for (const button of document.querySelectorAll(".window-toggle button")) {
    button.addEventListener("click", () => {
      windowSeconds = Number(button.dataset.window);
      for (const b of document.querySelectorAll(".window-toggle button")) b.setAttribute("aria-pressed", String(b === button));
      if (last) renderTimeline(last);
    });
  }

  poll();
  setInterval(poll, POLL_MS);
})();

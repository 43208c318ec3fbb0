// The topology page: routing domains, subnets and NICs over the hosts and PAs they run on, and a trace drawn over
// them. It reads the controller's REST API with the caller's token (kept for this tab only) and builds every
// element with textContent, so no name from the API is ever parsed as markup.
"use strict";

// Domains are coloured in name order; no colour here is a likely domain name (no red, no green) to read wrongly.
const palette = ["#3d5afe", "#fb8c00", "#00897b", "#8e24aa", "#6d4c41", "#c2185b", "#546e7a", "#f9a825"];
const state = { token: null, nics: [], domainColour: new Map(), subnets: new Map(), timer: null };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name === "colour") node.style.setProperty("--colour", value); // CSSOM, which the page's policy allows (a style attribute it does not)
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

async function api(path, body) {
  const response = await fetch(path, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `Bearer ${state.token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401 || response.status === 403) {
    sessionStorage.removeItem("hnv-token");
    showLogin("That token may not read this controller.");
    throw new Error("not allowed");
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.title || `${path}: ${response.status}`);
  return answer;
}

function showLogin(message) {
  document.getElementById("login").hidden = false;
  document.getElementById("error").textContent = message || "";
}

async function refresh() {
  try {
    const [status, domains, subnets, nics, pas, gateways] = await Promise.all([
      api("/api/v1/status"), api("/api/v1/routing-domains"), api("/api/v1/virtual-subnets"),
      api("/api/v1/network-interfaces"), api("/api/v1/provider-addresses"), api("/api/v1/gateways"),
    ]);
    draw(status, domains.items, subnets.items, nics.items, pas.items, gateways.items);
    document.getElementById("error").textContent = "";
  } catch (e) {
    if (e.message !== "not allowed") document.getElementById("error").textContent = `The controller did not answer: ${e.message}`;
  }
}

function draw(status, domains, subnets, nics, pas, gateways) {
  domains.sort((a, b) => (a.name || a.rdid).localeCompare(b.name || b.rdid));
  domains.forEach((d, i) => state.domainColour.set(d.rdid, palette[i % palette.length]));
  state.subnets = new Map(subnets.map(s => [s.vsid, s]));
  state.nics = nics;
  const colourOf = vsid => state.domainColour.get(state.subnets.get(vsid)?.rdid) || "#999";
  const domainName = rdid => domains.find(d => d.rdid === rdid)?.name || rdid;
  const connected = status.hosts.filter(h => h.connected).length;
  document.getElementById("summary").textContent =
    `revision ${status.revision} · ${status.hosts.length} hosts (${connected} connected) · ${nics.length} NICs · ${domains.length} routing domains`;

  const legend = document.getElementById("domains");
  legend.replaceChildren(...domains.map(d => el("div", { class: "domain", colour: state.domainColour.get(d.rdid), "data-domain": d.name },
    d.name, el("small", {}, subnets.filter(s => s.rdid === d.rdid).map(s => `${s.vsid} ${(s.prefixes || []).join(" ")}`).join(" · ") || "no subnets"))));

  const hosts = document.getElementById("hosts");
  hosts.replaceChildren(...status.hosts.map(h => {
    const gateway = gateways.find(g => g.name === h.name);
    const box = el("div", { class: "host", "data-host": h.name },
      el("h2", {}, el("span", { class: `health${h.connected ? " up" : ""}`, title: h.connected ? "connected" : "not connected" }), h.name,
        gateway ? el("span", { class: "badge" }, gateway.alive ? "gateway" : "gateway (dead)") : ""),
      el("div", { class: "meta" },
        pas.filter(p => p.host === h.name).map(p => p.pa).join(", ") || "no PA", el("br"),
        `revision ${h.revisionApplied ?? "-"} of ${h.revisionWanted}${h.lagSeconds > 0 ? `, ${h.lagSeconds.toFixed(1)} s behind` : ""}`));
    for (const nic of nics.filter(n => n.host === h.name)) {
      const chip = el("div", { class: "nic", colour: colourOf(nic.vsid), "data-nic": nic.name, title: `${nic.mac}, VSID ${nic.vsid}` },
        nic.name, el("small", {}, `${(nic.addresses || []).join(", ")} · ${domainName(state.subnets.get(nic.vsid)?.rdid)} ${nic.vsid}`));
      chip.addEventListener("click", () => choose(nic));
      box.append(chip);
    }
    for (const served of gateway?.domains || []) {
      box.append(el("div", { class: "outside", colour: state.domainColour.get(served.routingDomain) || "#999", "data-outside": domainName(served.routingDomain) },
        `outside of ${domainName(served.routingDomain)}`, el("small", {}, `${served.mode}${served.active ? ", active" : ", standby"}`)));
    }
    return box;
  }));

  const from = document.getElementById("trace-from");
  const chosen = from.value;
  from.replaceChildren(...nics.map(n => el("option", { value: n.name }, `${n.name} (${n.host})`)));
  if (chosen) from.value = chosen;
  document.getElementById("trace-targets").replaceChildren(...nics.flatMap(n => (n.addresses || []).map(a => el("option", { value: a }, n.name))));
}

function choose(nic) {
  const from = document.getElementById("trace-from");
  const to = document.getElementById("trace-to");
  if (!from.dataset.picked) {
    from.value = nic.name;
    from.dataset.picked = "1";
  } else {
    to.value = (nic.addresses || [])[0] || "";
    delete from.dataset.picked;
  }
  document.querySelectorAll(".nic.chosen").forEach(n => n.classList.remove("chosen"));
  document.querySelector(`.nic[data-nic="${CSS.escape(nic.name)}"]`)?.classList.add("chosen");
}

async function trace(event) {
  event.preventDefault();
  const request = { from: document.getElementById("trace-from").value, to: document.getElementById("trace-to").value.trim(),
    protocol: document.getElementById("trace-proto").value };
  const port = document.getElementById("trace-port").value;
  if (port && request.protocol !== "icmp") request.destinationPort = Number(port);
  if (document.getElementById("trace-live").checked) request.live = true;
  const verdict = document.getElementById("verdict");
  try {
    const result = await api("/api/v1/trace", request);
    verdict.className = result.verdict;
    verdict.textContent = result.summary;
    document.getElementById("overlay").replaceChildren(...result.steps.map(s =>
      el("li", { "data-stage": s.stage }, el("span", { class: "stage" }, `${s.host ?? ""} ${s.stage}`), " ", s.message)));
    const u = result.underlay;
    const rows = u ? [
      ["from", `${u.sourceHost} ${u.sourcePa}`], ["to", `${u.destinationHost ?? "(no host)"} ${u.destinationPa}`],
      ["outer header", `${u.outer.family} ${u.outer.source} → ${u.outer.destination}, GRE key 0x${u.outer.key} (VSID ${u.outer.vsid}, FlowID ${u.outer.flowId})${u.outer.dontFragment ? ", DF" : ""}, ${u.outer.length} bytes`],
      ["next hop", u.nextHop ? `${u.nextHop} (provider route ${u.providerRoute})` : "the host's own routing table"],
      ["MTU", `${u.mtu}${u.mtuAssumed ? " (assumed)" : ""}; inner packets up to ${u.innerMtu} bytes`],
    ] : [["path", "the packet does not leave the sending host"]];
    document.getElementById("underlay").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
    showLive(result.live);
    highlight(result);
  } catch (e) {
    verdict.className = "dropped";
    verdict.textContent = e.message;
  }
}

function showLive(live) {
  const box = document.getElementById("live");
  box.hidden = !live;
  if (!live) return;
  const verdict = document.getElementById("live-verdict");
  verdict.className = live.agrees ? "agrees" : "differs";
  verdict.textContent = live.agrees ? `Probe ${live.probe} did what the computed trace says.` : `Probe ${live.probe} differs from the computed trace:`;
  const said = h => h.verdict === "encapsulated" ? `sent it to ${h.outerDestination} (key 0x${h.key})`
    : h.verdict === "dropped" ? `dropped it: ${h.reason}` : `${h.verdict}${h.port ? ` to ${h.port}` : ""}`;
  document.getElementById("live-hops").replaceChildren(
    ...live.hops.map(h => el("li", { "data-live-host": h.host ?? "" }, `${h.host ?? "a host"} (revision ${h.revision}) ${said(h)}`)),
    ...live.differences.map(d => el("li", { class: "difference" }, d)));
}

function highlight(result) {
  document.querySelectorAll(".host.on-path").forEach(h => h.classList.remove("on-path"));
  const svg = document.getElementById("path");
  svg.replaceChildren();
  const ends = [result.source, result.destination].filter(Boolean);
  ends.forEach(end => end.host && document.querySelector(`.host[data-host="${CSS.escape(end.host)}"]`)?.classList.add("on-path"));
  const find = end => end && (end.gateway
    ? document.querySelector(`.host[data-host="${CSS.escape(end.host)}"] .outside`)
    : document.querySelector(`.nic[data-nic="${CSS.escape(end.nic)}"]`));
  const a = find(result.source), b = find(result.destination);
  if (!a || !b) return;
  const origin = svg.getBoundingClientRect(), ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
  const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
  line.setAttribute("x1", ra.left + ra.width / 2 - origin.left); line.setAttribute("y1", ra.top + ra.height / 2 - origin.top);
  line.setAttribute("x2", rb.left + rb.width / 2 - origin.left); line.setAttribute("y2", rb.top + rb.height / 2 - origin.top);
  line.setAttribute("data-path", `${result.source.nic}->${result.destination.nic}`);
  svg.append(line);
}

function start(token) {
  state.token = token;
  sessionStorage.setItem("hnv-token", token);
  document.getElementById("login").hidden = true;
  refresh();
  clearInterval(state.timer);
  state.timer = setInterval(refresh, 5000);
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("trace-form").addEventListener("submit", trace);
  document.getElementById("login").addEventListener("submit", e => { e.preventDefault(); start(document.getElementById("token").value.trim()); });
  // A link may carry the token in its fragment (never sent to a server); it is moved to this tab's storage at once.
  const fragment = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fragment) history.replaceState(null, "", location.pathname);
  const token = fragment || sessionStorage.getItem("hnv-token");
  if (token) start(token); else showLogin();
});

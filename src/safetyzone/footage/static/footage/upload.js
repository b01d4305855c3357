// Resumable, verified footage upload (footage/uploads.py is the server side).
// The file is sent in chunks of the size the server names; each chunk carries its SHA-256
// (Content-Digest, computed with crypto.subtle) and the client folds the chunk digests into a
// chain it sends at the end, so the server can prove the stored file is the one on this disk.
// A dropped connection is retried; choosing the same file again later resumes where it stopped.
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  if (!form) return;
  const fileInput = document.getElementById("upload-file");
  const progress = document.getElementById("upload-progress");
  const statusLine = document.getElementById("upload-status");
  const errorLine = document.getElementById("upload-error");
  const button = document.getElementById("upload-button");
  const texts = document.getElementById("upload-texts").dataset;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const GENESIS = new Uint8Array(32);
  const MAX_TRIES = 5;

  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
  const sha256 = async (buffer) => new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const storageKey = (file) => `footage-upload:${form.dataset.item}:${file.name}:${file.size}:${file.lastModified}`;

  function showFieldErrors(fields) {
    form.querySelectorAll("ul.errorlist[data-for]").forEach((ul) => { ul.textContent = ""; });
    Object.entries(fields || {}).forEach(([name, messages]) => {
      const ul = form.querySelector(`ul.errorlist[data-for="${name}"]`);
      if (!ul) { errorLine.textContent += " " + messages.join(" "); return; }
      messages.forEach((m) => { const li = document.createElement("li"); li.textContent = m; ul.appendChild(li); });
    });
  }

  async function request(url, options) {
    const response = await fetch(url, { credentials: "same-origin", ...options,
      headers: { "X-CSRFToken": csrf, ...(options && options.headers) } });
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    return { status: response.status, ok: response.ok, body };
  }

  // Chunk digests are cached; the chain up to chunk n is folded from them (recomputed after a reload).
  function chainer(file, chunkSize) {
    const digests = [];
    async function digestOf(index) {
      if (!digests[index]) {
        const start = index * chunkSize;
        digests[index] = await sha256(await file.slice(start, Math.min(start + chunkSize, file.size)).arrayBuffer());
      }
      return digests[index];
    }
    async function chainUpTo(count) {
      let chain = GENESIS;
      for (let i = 0; i < count; i++) {
        const joined = new Uint8Array(64);
        joined.set(chain, 0);
        joined.set(await digestOf(i), 32);
        chain = await sha256(joined);
      }
      return chain;
    }
    return { digestOf, chainUpTo };
  }

  async function start(file) {
    const saved = localStorage.getItem(storageKey(file));
    if (saved) {
      const state = JSON.parse(saved);
      const found = await request(state.url, { method: "GET" });
      if (found.ok) return found.body;
      localStorage.removeItem(storageKey(file));
    }
    const data = new FormData(form);
    data.set("filename", file.name);
    data.set("size", String(file.size));
    const answer = await request(form.action, { method: "POST", body: data });
    if (!answer.ok) {
      showFieldErrors(answer.body.fields);
      throw new Error(answer.body.error || texts.failed);
    }
    localStorage.setItem(storageKey(file), JSON.stringify({ url: answer.body.url }));
    return answer.body;
  }

  function show(offset, size) {
    progress.hidden = false;
    progress.value = size ? offset / size : 0;
    statusLine.textContent = `${texts.hashing} ${Math.floor((100 * offset) / size)}% ${texts.sent}`;
  }

  async function sendAll(file, state) {
    const chunks = chainer(file, state.chunk_size);
    let offset = state.offset;
    let tries = 0;
    show(offset, file.size);
    while (offset < file.size) {
      const index = Math.floor(offset / state.chunk_size);
      const end = Math.min(offset + state.chunk_size, file.size);
      const digest = await chunks.digestOf(index);
      let answer;
      try {
        answer = await request(state.url, { method: "PUT", body: file.slice(offset, end), headers: {
          "Content-Range": `bytes ${offset}-${end - 1}/${file.size}`,
          "Content-Digest": `sha-256=:${b64(digest)}:`, "Content-Type": "application/octet-stream" } });
      } catch (networkError) {
        answer = { status: 0, ok: false, body: {} };
      }
      if (answer.ok) { offset = answer.body.offset; tries = 0; show(offset, file.size); continue; }
      if (++tries > MAX_TRIES || (answer.status >= 400 && answer.status < 500 && ![409, 422].includes(answer.status)
          && !("offset" in answer.body))) {
        throw new Error(answer.body.error || texts.failed);
      }
      statusLine.textContent = texts.retrying;
      if (answer.status === 0 || answer.status >= 500) await sleep(1000 * tries);
      // ask the server how much it has, then carry on from there
      const where = await request(state.url, { method: "GET" }).catch(() => null);
      if (where && where.ok) offset = where.body.offset;
    }
    statusLine.textContent = texts.verifying;
    const chain = await chunks.chainUpTo(Math.ceil(file.size / state.chunk_size));
    const body = new FormData();
    body.set("chain", hex(chain));
    const done = await request(state.complete_url, { method: "POST", body });
    if (done.status === 409 && "offset" in done.body) return sendAll(file, { ...state, offset: done.body.offset });
    if (!done.ok) {
      localStorage.removeItem(storageKey(file));
      throw new Error(done.body.error || texts.failed);
    }
    localStorage.removeItem(storageKey(file));
    return done.body;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errorLine.textContent = "";
    showFieldErrors({});
    const file = fileInput.files[0];
    if (!file) { showFieldErrors({ filename: [fileInput.validationMessage || texts.failed] }); return; }
    if (!window.crypto || !crypto.subtle) { errorLine.textContent = texts.nocrypto; return; }
    button.disabled = true;
    try {
      const state = await start(file);
      const result = await sendAll(file, state);
      statusLine.textContent = `${texts.done} ${result.sha256}`;
      progress.value = 1;
      window.location.assign(result.next);
    } catch (error) {
      errorLine.textContent = error.message;
      statusLine.textContent = "";
    } finally {
      button.disabled = false;
    }
  });
})();

// The Sio chat demo (a copy of sio-cli's): the official Socket.IO browser client against a Sio
// server in a Spring Boot application.
// Client to server: "join" {room, nickname} (ack: {room, members}), "nickname" name,
// "message" text (ack: the message as stored), "typing" boolean, "image" mime, bytes (binary).
// Server to client: "message" {from, text, time}, "image" {from, mime, time}, bytes,
// "typing" {from, typing}, "members" [nicknames], "system" text.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { room: null, nickname: null, typers: new Map() };
// What a test reads: every message and image shown, in order.
window.chat = { shown: [], state };

// window.SIO_ORIGIN: "" (this origin) or Sio's own port (see /sio-origin.js).
const socket = io(window.SIO_ORIGIN || undefined);

function time(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

function show(kind, fields, node) {
  const li = document.createElement("li");
  li.className = kind + (fields.from === state.nickname && kind !== "system" ? " mine" : "");
  if (kind === "system") {
    li.textContent = fields.text;
  } else {
    const from = document.createElement("span");
    from.className = "from";
    from.textContent = fields.from;
    li.appendChild(from);
    if (node) li.appendChild(node);
    else li.appendChild(document.createTextNode(fields.text));
    const at = document.createElement("span");
    at.className = "time";
    at.textContent = time(fields.time);
    li.appendChild(at);
  }
  $("messages").appendChild(li);
  $("messages").scrollTop = $("messages").scrollHeight;
  window.chat.shown.push({ kind, ...fields });
}

function showImage(meta, bytes) {
  const img = document.createElement("img");
  img.alt = "image from " + meta.from;
  img.src = URL.createObjectURL(new Blob([bytes], { type: meta.mime }));
  show("image", { from: meta.from, time: meta.time, mime: meta.mime, size: bytes.byteLength }, img);
}

function setMembers(members) {
  $("members").replaceChildren(
    ...members.map((name) => {
      const li = document.createElement("li");
      li.textContent = name;
      return li;
    })
  );
}

function renderTyping() {
  const names = [...state.typers.keys()];
  $("typing").textContent =
    names.length === 0 ? "" : names.join(", ") + (names.length === 1 ? " is typing…" : " are typing…");
}

function enableSending(on) {
  for (const id of ["text", "image", "send-button"]) $(id).disabled = !on;
}

// --- connection -----------------------------------------------------------------------------
socket.on("connect", () => {
  $("status").textContent = "online";
  $("status").className = "status online";
  if (state.room) join(state.room, state.nickname); // back after a reconnection
});
socket.on("disconnect", (reason) => {
  $("status").textContent = "offline (" + reason + ")";
  $("status").className = "status offline";
  enableSending(false);
});

// --- joining and nicknames --------------------------------------------------------------------
async function join(room, nickname) {
  const reply = await socket.emitWithAck("join", { room, nickname });
  state.room = reply.room;
  state.nickname = reply.nickname;
  state.typers.clear();
  renderTyping();
  $("nickname").value = reply.nickname;
  $("current-room").textContent = "in #" + reply.room + " as " + reply.nickname;
  $("messages").replaceChildren();
  setMembers(reply.members);
  enableSending(true);
  $("text").focus();
}

$("join").addEventListener("submit", (e) => {
  e.preventDefault();
  const room = $("room").value.trim() || "lobby";
  const nickname = $("nickname").value.trim();
  if (state.room === room && nickname && nickname !== state.nickname) {
    socket.emit("nickname", nickname);
    state.nickname = nickname;
    $("current-room").textContent = "in #" + room + " as " + nickname;
  } else {
    join(room, nickname);
  }
});

socket.on("members", setMembers);
socket.on("system", (text) => show("system", { text }));

// --- messages ----------------------------------------------------------------------------------
$("send").addEventListener("submit", async (e) => {
  e.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  stopTyping();
  const stored = await socket.emitWithAck("message", text);
  show("message", stored);
});
socket.on("message", (msg) => show("message", msg));

// --- typing indicator --------------------------------------------------------------------------
let typingTimer = null;
function stopTyping() {
  if (typingTimer) {
    clearTimeout(typingTimer);
    typingTimer = null;
    socket.emit("typing", false);
  }
}
$("text").addEventListener("input", () => {
  if (!typingTimer) socket.emit("typing", true);
  else clearTimeout(typingTimer);
  typingTimer = setTimeout(stopTyping, 2000);
});
socket.on("typing", ({ from, typing }) => {
  if (typing) state.typers.set(from, true);
  else state.typers.delete(from);
  renderTyping();
});

// --- images, sent as binary --------------------------------------------------------------------
async function sendImage(file) {
  if (!file || !file.type.startsWith("image/") || !state.room) return;
  const bytes = await file.arrayBuffer();
  const stored = await socket.emitWithAck("image", file.type, bytes);
  showImage(stored, bytes);
}
$("text").addEventListener("paste", (e) => {
  for (const item of e.clipboardData.items) {
    if (item.kind === "file" && item.type.startsWith("image/")) {
      e.preventDefault();
      sendImage(item.getAsFile());
    }
  }
});
$("image").addEventListener("change", () => {
  sendImage($("image").files[0]);
  $("image").value = "";
});
socket.on("image", (meta, bytes) => showImage(meta, bytes));

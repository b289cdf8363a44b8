// `keyboard`: keyboard-only use and the accessible mirror. Esc starts on the landing screen;
// in a call one Esc does not skip and two within a second do (a waiting third page gets the
// stranger); the age gate blocks every start until accepted and is remembered; Tab and Enter
// add an interest and start; keys faster than frames (five Tabs, typing right after a tap) are
// all kept; the ARIA live region follows the state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, skipReason, withDiagnostics, ms } from './lib/index.mjs';

const suite = useSuite();
const sleep = (n) => new Promise((r) => setTimeout(r, n));

const status = (c) => c.page.evaluate(() => document.getElementById('nt-status').textContent);

/** Waits until the live region's status matches `re`. */
async function waitForStatus(c, re, timeoutMs = ms(20000)) {
  try {
    await c.page.waitForFunction((src) => new RegExp(src).test(document.getElementById('nt-status').textContent),
      re.source, { timeout: timeoutMs, polling: 100 });
  } catch (e) {
    throw new Error(`${c.label}: live region never matched ${re}; it says ${JSON.stringify(await status(c))}`);
  }
}

/** Waits until the UI has drawn a frame (it publishes where its parts are). */
async function uiDrawn(c, part) {
  await c.page.waitForFunction((p) => window.Module && Module.ntUi && Module.ntUi.regions && Module.ntUi.regions[p],
    part, { timeout: ms(20000), polling: 100 });
}

/** Once the hidden input has the focus (a field is being edited): types an interest and Enter. */
async function addInterestInFocusedField(c, text) {
  await c.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'nt-input',
    null, { timeout: ms(10000) });
  await c.page.keyboard.type(text);
  await c.page.keyboard.press('Enter');
  await c.page.waitForFunction((t) => (localStorage.getItem('novatalk.interests') || '').includes(t),
    text.toLowerCase(), { timeout: ms(10000) });
}

/** Nothing of `name` after `since` for `forMs` (a negative check: the wait is generous). */
async function assertNoEvent(c, name, since, forMs) {
  await sleep(forMs);
  const got = (await c.events()).slice(since).filter((e) => e.event === name);
  assert.equal(got.length, 0, `${c.label}: unexpected "${name}": ${JSON.stringify(got)}`);
}

test('Esc on the landing screen starts searching', { skip: skipReason }, async () => {
  const a = await suite.open('A', { autostart: false });
  await withDiagnostics([a], async () => {
    await a.waitForEvent('ready');
    await uiDrawn(a, 'start');
    await waitForStatus(a, /Ready/);
    await a.page.keyboard.press('Escape');
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(20000) });
    await waitForStatus(a, /Searching for a stranger/);
  }, suite.server);
  await suite.closeAll();
});

test('in a call one Esc does not skip, two within a second do; the live region follows', { skip: skipReason }, async () => {
  const a = await suite.open('A');
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    await Promise.all([a, b].map((c) => c.waitForEvent('connected', undefined, { timeoutMs: ms(45000) })));
    await waitForStatus(a, /Connected to a stranger/);
    const c = await suite.open('C');
    await c.waitForEvent('searching', undefined, { timeoutMs: ms(30000) });

    // One press: only the hint. Nothing ends, C keeps waiting.
    let since = await a.mark();
    const sinceC = await c.mark();
    await a.page.keyboard.press('Escape');
    await assertNoEvent(a, 'searching', since, ms(2500));
    await assertNoEvent(c, 'matched', sinceC, 0);

    // Two presses in a row: Next. A leaves B, and A or B is paired with C.
    since = await a.mark();
    await a.page.keyboard.press('Escape');
    await a.page.keyboard.press('Escape');
    await a.waitForEvent('searching', undefined, { since, timeoutMs: ms(15000) });
    await c.waitForEvent('matched', undefined, { since: sinceC, timeoutMs: ms(30000) });
    // B was left: its live region says so before it finds someone new.
    await b.waitForEvent('partner_left', undefined, { timeoutMs: ms(15000) });
  }, suite.server);
  await suite.closeAll();
});

test('the age gate blocks Start until accepted and is remembered on reload', { skip: skipReason }, async () => {
  const a = await suite.open('A', { autostart: true, adult: false });
  await withDiagnostics([a], async () => {
    await a.waitForEvent('ready');
    await uiDrawn(a, 'gate_accept');
    await waitForStatus(a, /18 or older/);
    const hidden = await a.page.evaluate(() => document.querySelector('[data-nt-action="accept_gate"]').hidden);
    assert.equal(hidden, false, 'the hidden accessible button to accept the gate is not offered');
    // autostart=1, Esc and the page's start command: none starts before the gate is accepted.
    const since = await a.mark();
    await a.page.keyboard.press('Escape');
    await a.send('start');
    await assertNoEvent(a, 'searching', since, ms(2500));
    assert.equal(await a.page.evaluate(() => localStorage.getItem('novatalk.adult')), null);

    // Enter presses the gate's button; the start that waited (autostart) goes ahead.
    await a.page.keyboard.press('Enter');
    await a.waitForEvent('searching', undefined, { since, timeoutMs: ms(20000) });
    assert.equal(await a.page.evaluate(() => localStorage.getItem('novatalk.adult')), '1');

    // Remembered: after a reload (without autostart) the landing comes at once and Esc starts.
    await a.page.goto(a.url.replace('autostart=1', 'autostart=0'), { waitUntil: 'load' });
    a.seen = [];
    await a.waitForEvent('ready');
    await uiDrawn(a, 'start');
    await waitForStatus(a, /Ready/);
    await a.page.keyboard.press('Escape');
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(20000) });
  }, suite.server);
  await suite.closeAll();
});

test('keyboard only: Tab to the interests, type, Enter adds a chip, Tab to Start, Enter', { skip: skipReason }, async () => {
  const a = await suite.open('A', { autostart: false, params: { mode: 'text' } });
  await withDiagnostics([a], async () => {
    await a.waitForEvent('ready');
    await uiDrawn(a, 'start');
    // Text mode: the landing's controls are the mode toggle's two halves, the privacy toggle's
    // two halves (Direct / Hide my IP), the interests field, Start, then the footer's links. The
    // fifth Tab reaches the field and starts editing it.
    for (let i = 0; i < 5; i++) await a.page.keyboard.press('Tab');
    await addInterestInFocusedField(a, 'Board games');
    // Tab leaves the field for Start; Enter presses it.
    await a.page.keyboard.press('Tab');
    await sleep(ms(300));
    await a.page.keyboard.press('Enter');
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(20000) });
    assert.deepEqual(JSON.parse(await a.page.evaluate(() => localStorage.getItem('novatalk.interests'))), ['board games']);
  }, suite.server);
  await suite.closeAll();
});

// The loop draws only when something changed, so several keys often arrive within one frame.
// Both cases below are sent inside one task of the page, which no frame can split.
test('keys faster than frames: five Tabs in one frame reach the field; typing right after a tap is kept', { skip: skipReason }, async () => {
  const a = await suite.open('A', { autostart: false, params: { mode: 'text' }, context: { hasTouch: true } });
  await withDiagnostics([a], async () => {
    await a.waitForEvent('ready');
    await uiDrawn(a, 'start');
    await a.page.waitForFunction(() => Module.ntUi.fields.length === 1, null, { timeout: ms(10000), polling: 100 });
    // Five Tabs at once: mode toggle (2), privacy toggle (2), then the interests field.
    await a.page.evaluate(() => {
      for (let i = 0; i < 5; i++) {
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
      }
    });
    await addInterestInFocusedField(a, 'Board games');
    // Leave the field (Esc would start: click empty space instead), then tap it and type before
    // the UI has drawn a frame that saw the tap.
    await a.page.mouse.click(5, 400);
    await a.page.waitForFunction(() => Module.ntUi.activeField === -1, null, { timeout: ms(10000), polling: 50 });
    await a.page.evaluate(() => {
      const canvas = Module.canvas;
      const f = Module.ntUi.fields[0];
      const at = { identifier: 7, target: canvas, clientX: f.x + f.width / 2, clientY: f.y + f.height / 2 };
      for (const type of ['touchstart', 'touchend']) {
        const t = new Touch(at);
        canvas.dispatchEvent(new TouchEvent(type, {
          touches: type === 'touchstart' ? [t] : [], changedTouches: [t], bubbles: true, cancelable: true,
        }));
      }
      const input = document.getElementById('nt-input');
      if (document.activeElement !== input) throw new Error('the tap did not focus the input');
      input.value += 'Gui';
      input.setSelectionRange(input.value.length, input.value.length);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'Gui' }));
    });
    await a.page.keyboard.type('tar');
    await a.page.keyboard.press('Enter');
    await a.page.waitForFunction(() => (localStorage.getItem('novatalk.interests') || '').includes('guitar'),
      null, { timeout: ms(10000) }).catch(async () => {
      throw new Error(`the interests are ${await a.page.evaluate(() => localStorage.getItem('novatalk.interests'))}`);
    });
    assert.deepEqual(JSON.parse(await a.page.evaluate(() => localStorage.getItem('novatalk.interests'))), ['board games', 'guitar']);
  }, suite.server);
  await suite.closeAll();
});

test('the live region follows the state: connected, common interests, the stranger leaving', { skip: skipReason }, async () => {
  const a = await suite.open('A', { interests: ['music'] });
  const b = await suite.open('B', { interests: ['music', 'art'] });
  await withDiagnostics([a, b], async () => {
    await Promise.all([a, b].map((c) => c.waitForEvent('connected', undefined, { timeoutMs: ms(45000) })));
    await waitForStatus(a, /Connected to a stranger\. You both like: music\./);
    await waitForStatus(b, /Connected to a stranger\. You both like: music\./);
    // The hidden buttons that make sense in a call are offered to screen readers.
    const offered = await a.page.evaluate(() => [...document.querySelectorAll('[data-nt-action]')]
      .filter((e) => !e.hidden).map((e) => e.getAttribute('data-nt-action')));
    assert.deepEqual(offered.sort(), ['next', 'stop', 'toggle_camera', 'toggle_mic']);
    await a.send('stop');
    await waitForStatus(b, /Stranger has left/);
    await waitForStatus(a, /Ready/);
  }, suite.server);
  await suite.closeAll();
});

test('keyboard-only chat: Tab to the message box, type, Enter sends; the live region reads what the stranger wrote', { skip: skipReason }, async () => {
  const a = await suite.open('A');
  const b = await suite.open('B');
  await withDiagnostics([a, b], async () => {
    for (const c of [a, b]) await c.waitForEvent('chat_ready', undefined, { timeoutMs: ms(45000) });

    // The stranger's message is read out as "Stranger: …" (and only as text).
    const incoming = 'hello from B, привет <b>not bold</b>';
    await b.send('send_chat', { text: incoming });
    await a.page.waitForFunction((t) => [...document.querySelectorAll('#nt-chat p')].some((p) => p.textContent === `Stranger: ${t}`),
      incoming, { timeout: ms(10000) });
    assert.equal(await a.page.evaluate(() => document.querySelector('#nt-chat b')), null, 'chat text became HTML');

    // Tab until the message box is being edited (the hidden input has the focus).
    let editing = false;
    for (let i = 0; i < 12 && !editing; i++) {
      await a.page.keyboard.press('Tab');
      editing = await a.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'nt-input',
        null, { timeout: ms(1000) }).then(() => true, () => false);
    }
    assert.ok(editing, 'A: Tab never reached the message box');
    const mine = 'hi from A — ça va? καλημέρα';
    const [ma, mb] = [await a.mark(), await b.mark()];
    await a.page.keyboard.type(mine);
    await b.waitForEvent('typing', (e) => e.active === true, { since: mb, timeoutMs: ms(10000) });
    await a.page.keyboard.press('Enter');
    await a.waitForEvent('chat', (e) => e.from === 'me' && e.text === mine, { since: ma, timeoutMs: ms(10000) });
    await b.waitForEvent('chat', (e) => e.from === 'stranger' && e.text === mine, { since: mb, timeoutMs: ms(10000) });
    // The box is empty again and still being edited: the next message can follow at once.
    await a.page.waitForFunction(() => document.activeElement.id === 'nt-input' && document.activeElement.value === '',
      null, { timeout: ms(5000) }).catch(async (e) => {
      const state = await a.page.evaluate(() => ({ focused: document.activeElement.id || document.activeElement.tagName,
        value: document.getElementById('nt-input').value }));
      throw new Error(`A: the message box after sending: ${JSON.stringify(state)}; ${e.message}`);
    });
  }, suite.server);
  await suite.closeAll();
});

test('the hidden buttons a screen reader uses: accept the gate, Start, Stop', { skip: skipReason }, async () => {
  const a = await suite.open('A', { autostart: false, adult: false });
  const press = (action) => a.page.evaluate((n) => document.querySelector(`[data-nt-action="${n}"]`).click(), action);
  const offered = () => a.page.evaluate(() => [...document.querySelectorAll('[data-nt-action]')]
    .filter((e) => !e.hidden).map((e) => e.getAttribute('data-nt-action')).sort());
  await withDiagnostics([a], async () => {
    await a.waitForEvent('ready');
    await waitForStatus(a, /18 or older/);
    assert.deepEqual(await offered(), ['accept_gate']);
    await press('accept_gate');
    await waitForStatus(a, /Ready/);
    assert.deepEqual(await offered(), ['start']);
    assert.equal(await a.page.evaluate(() => localStorage.getItem('novatalk.adult')), '1');
    await press('start');
    await a.waitForEvent('searching', undefined, { timeoutMs: ms(20000) });
    await waitForStatus(a, /Searching for a stranger/);
    assert.deepEqual(await offered(), ['stop']);
    await press('stop');
    await a.waitForEvent('stopped', undefined, { timeoutMs: ms(10000) });
  }, suite.server);
  await suite.closeAll();
});

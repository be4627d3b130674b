// Conformance of `team-agent mcp` with the official MCP TypeScript SDK
// client: connect over stdio as the leader and as a worker, list the tools,
// compile every input/output schema with the SDK's own ajv, call each tool
// (the SDK checks structuredContent against outputSchema itself), and check
// the error cases: unknown tool, bad arguments, oversized text, a worker
// calling a leader-only tool -- each a result with isError and a sentence.
//
// usage: node conformance.mjs TEAM_AGENT_BIN WORKSPACE SDK_DIR
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const [bin, ws, sdk] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(path.join(sdk, 'dist/esm', p)).href);
const { Client } = await load('client/index.js');
const { StdioClientTransport } = await load('client/stdio.js');
const requireFromSdk = createRequire(path.join(sdk, 'package.json'));
const Ajv = requireFromSdk('ajv').default ?? requireFromSdk('ajv');

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
  }
}

async function connect(agent) {
  const transport = new StdioClientTransport({
    command: bin,
    args: ['mcp'],
    env: { ...process.env, TEAM_AGENT_ID: agent, TEAM_AGENT_WORKSPACE: ws },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'team-agent-conformance', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

// One sentence: a capital, words, a full stop at the end.
function assertSentence(result) {
  assert.equal(result.isError, true, JSON.stringify(result));
  assert.equal(result.content.length, 1);
  const text = result.content[0].text;
  assert.match(text, /^[A-Z"].*[.]$/s, text);
  return text;
}

const leader = await connect('leader');
const worker = await connect('backend');

await check('server info and capabilities', async () => {
  assert.equal(leader.getServerVersion().name, 'team_agent');
  assert.deepEqual(leader.getServerCapabilities().tools, { listChanged: false });
});

const { tools } = await leader.listTools();
await check('every tool has valid input and output schemas that allow no unknown keys', async () => {
  const ajv = new Ajv({ strict: false });
  assert.ok(tools.length >= 12, `only ${tools.length} tools`);
  for (const t of tools) {
    for (const key of ['inputSchema', 'outputSchema']) {
      assert.ok(t[key], `${t.name} has no ${key}`);
      assert.equal(t[key].type, 'object', `${t.name}.${key}`);
      assert.equal(t[key].additionalProperties, false, `${t.name}.${key}`);
      ajv.compile(t[key]);
    }
    assert.ok(t.description && t.description.length > 10, `${t.name} has no description`);
  }
});

await check('a worker lists only the tools it may call', async () => {
  const names = (await worker.listTools()).tools.map((t) => t.name);
  for (const n of ['send_message', 'report_result', 'get_team_status', 'list_agents',
                   'read_messages', 'request_human'])
    assert.ok(names.includes(n), n);
  assert.ok(!names.includes('assign_task'));
});

const ok = async (client, name, args) => {
  const r = await client.callTool({ name, arguments: args });
  assert.notEqual(r.isError, true, `${name}: ${JSON.stringify(r.content)}`);
  assert.ok(r.structuredContent, `${name} returned no structuredContent`);
  assert.equal(r.content[0].type, 'text');
  return r.structuredContent;
};

await check('each tool answers with structured content matching its outputSchema', async () => {
  const sent = await ok(worker, 'send_message', { to: 'leader', text: 'hello', task_id: 'T1' });
  assert.match(sent.messages[0].message_id, /^msg_[0-9a-f]{12}$/);
  await ok(leader, 'assign_task', { to: 'backend', task_id: 'T2', text: 'do it' });
  const inbox = await ok(worker, 'read_messages', {});
  assert.equal(inbox.messages.length, 1);
  assert.equal(inbox.messages[0].task_id, 'T2');
  const rep = await ok(worker, 'report_result', {
    task_id: 'T2', status: 'success', summary: 'done', changes: ['x'], tests: ['t'],
    risks: [], artifacts: ['a.txt'], next_actions: ['review'] });
  assert.deepEqual(rep.acknowledged, [inbox.messages[0].message_id]);
  const again = await ok(worker, 'report_result', {
    task_id: 'T2', status: 'success', summary: 'done', result_id: rep.result_id });
  assert.equal(again.result_id, rep.result_id);
  assert.equal((await ok(worker, 'list_agents', {})).agents.length, 4);
  await ok(worker, 'get_team_status', {});
  await ok(leader, 'get_team_status', { agent_id: 'backend' });
  const q = await ok(worker, 'request_human', { question: 'Which DB?', options: ['pg'] });
  assert.match(q.request_id, /^hq_[0-9a-f]{12}$/);
  await ok(leader, 'stuck_list', {});
});

await check('lifecycle tools without a supervisor: isError with a sentence', async () => {
  for (const [name, args] of [['stop_agent', { agent_id: 'tester' }],
                              ['start_agent', { agent_id: 'tester' }],
                              ['add_agent', { agent_id: 'extra', provider: 'fake' }],
                              ['stuck_cancel', { agent_id: 'tester' }]]) {
    const r = await leader.callTool({ name, arguments: args });
    assert.match(assertSentence(r), /supervisor/);
  }
});

await check('unknown tool: isError with a sentence', async () => {
  const r = await worker.callTool({ name: 'no_such_tool', arguments: {} });
  assert.match(assertSentence(r), /no tool "no_such_tool"/);
});

await check('bad arguments: isError with a sentence naming the field', async () => {
  const missing = await worker.callTool({ name: 'send_message', arguments: { to: 'leader' } });
  assert.match(assertSentence(missing), /"text" is required/);
  const wrongType = await worker.callTool({ name: 'report_result',
    arguments: { task_id: 'T', status: 'done', summary: 's' } });
  assert.match(assertSentence(wrongType), /status must be one of/);
  const extra = await worker.callTool({ name: 'list_agents', arguments: { x: 1 } });
  assert.match(assertSentence(extra), /"x" is not an argument/);
});

await check('oversized text: isError with a sentence', async () => {
  const r = await worker.callTool({ name: 'send_message',
    arguments: { to: 'leader', text: 'a'.repeat((1 << 20) + 1) } });
  assert.match(assertSentence(r), /1 MiB/);
});

await check('a worker calling a leader-only tool: isError with a sentence', async () => {
  const r = await worker.callTool({ name: 'assign_task',
    arguments: { to: 'tester', task_id: 'T3', text: 'x' } });
  assert.match(assertSentence(r), /Only the leader/);
});

await check('the server still answers after the errors', async () => {
  await worker.ping();
  await ok(worker, 'list_agents', {});
});

await leader.close();
await worker.close();
if (failures) {
  console.log(`${failures} conformance check(s) failed`);
  process.exit(1);
}
console.log('MCP conformance: all checks passed');

// dtidy for VS Code: starts `dtidy lsp` for devicetree files.
// Build: npm install && npx @vscode/vsce package; then install the .vsix.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const cfg = vscode.workspace.getConfiguration('dtidy');
  const args = ['lsp'];
  for (const dir of cfg.get('includePaths', [])) {
    args.push('-I', dir);
  }
  const server = { command: cfg.get('path', 'dtidy'), args };
  client = new LanguageClient('dtidy', 'dtidy', server, {
    documentSelector: [{ scheme: 'file', language: 'dts' }],
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

//! `mfalint server`: a language server over stdio (LSP 3.17, through
//! rust-analyzer's `lsp-server` and `lsp-types`).
//!
//! It publishes the core's findings as diagnostics for JSON and YAML
//! payload files on open, change and save (cleared on close), with the
//! settings the command line would use for the file, and offers the core's
//! fixes as code actions, plus "fix all safe". Documents are checked on
//! the main thread, after every message already waiting has been read, so
//! a burst of keystrokes costs one check. A panic while checking is
//! contained: the document gets no diagnostics, the client a log line
//! without any of the document's content, and the server goes on.

mod actions;
mod check;
mod position;

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, InitializeResult, LogMessageParams, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};

use crate::cli::config::Effective;
use crate::{Finding, Syntax};

use position::LineIndex;

/// An open document.
pub struct Document {
    pub text: String,
    pub version: Option<i32>,
    /// How it is linted; `None`: not at all (not JSON or YAML).
    pub syntax: Option<Syntax>,
    /// The settings of the last check.
    pub settings: Option<Effective>,
    /// The findings shown by the last check, with their fixes.
    pub findings: Vec<Finding>,
    /// Whether the last text that parsed held a payload.
    pub payload: Option<bool>,
}

/// Runs the server on the process's stdin and stdout until the client
/// says `exit`: status 0 after a `shutdown`, 1 otherwise (as LSP asks).
pub fn main() -> ExitCode {
    let (connection, io_threads) = Connection::stdio();
    let status = match serve(&connection) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("mfalint server: {e}");
            ExitCode::FAILURE
        }
    };
    drop(connection);
    if let Err(e) = io_threads.join() {
        eprintln!("mfalint server: {e}");
    }
    status
}

/// What the server can do.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
                CodeActionKind::new(actions::FIX_ALL),
            ]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Serves `connection`: the initialize handshake, then messages until
/// `exit`. `Ok(true)` when a `shutdown` came first.
pub fn serve(connection: &Connection) -> Result<bool, String> {
    let (id, _params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "mfalint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        connection,
        docs: HashMap::new(),
        dirty: Vec::new(),
        shut_down: false,
    };
    server.run()
}

struct Server<'c> {
    connection: &'c Connection,
    docs: HashMap<Url, Document>,
    /// Documents to check before the next request or wait, in order.
    dirty: Vec<Url>,
    shut_down: bool,
}

impl Server<'_> {
    fn run(&mut self) -> Result<bool, String> {
        while let Ok(first) = self.connection.receiver.recv() {
            // Every message already waiting is handled before checking:
            // of several changes to a document only the last is checked.
            let mut batch = vec![first];
            while let Ok(more) = self.connection.receiver.try_recv() {
                batch.push(more);
            }
            for msg in batch {
                match msg {
                    Message::Request(req) => {
                        self.flush();
                        self.request(req);
                    }
                    Message::Notification(n) if n.method == "exit" => return Ok(self.shut_down),
                    Message::Notification(n) => self.notification(n),
                    Message::Response(_) => {}
                }
            }
            self.flush();
        }
        // The client went away without `exit`.
        Ok(false)
    }

    fn send(&self, msg: Message) {
        // A closed channel means the client is gone; the loop ends on its own.
        let _ = self.connection.sender.send(msg);
    }

    fn log(&self, typ: MessageType, message: String) {
        let params = LogMessageParams { typ, message };
        self.send(Notification::new(LogMessage::METHOD.to_string(), params).into());
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        if self.shut_down {
            let e = Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shut down".into(),
            );
            self.send(e.into());
            return;
        }
        if req.method == "shutdown" {
            self.shut_down = true;
            self.send(Response::new_ok(id, ()).into());
            return;
        }
        let method = req.method.clone();
        let answered = catch_unwind(AssertUnwindSafe(|| self.answer(req)));
        let response = answered.unwrap_or_else(|_| {
            self.log(
                MessageType::ERROR,
                format!("mfalint: internal error answering {method} (a bug in mfalint)"),
            );
            Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "internal error (a bug in mfalint)".into(),
            )
        });
        self.send(response.into());
    }

    fn answer(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match req.method.as_str() {
            CodeActionRequest::METHOD => {
                let params: CodeActionParams = match serde_json::from_value(req.params) {
                    Ok(p) => p,
                    Err(e) => {
                        return Response::new_err(
                            id,
                            ErrorCode::InvalidParams as i32,
                            e.to_string(),
                        )
                    }
                };
                let uri = &params.text_document.uri;
                let found = self.docs.get(uri).map(|doc| {
                    actions::actions(uri, doc, params.range, params.context.only.as_deref())
                });
                Response::new_ok(id, found.unwrap_or_default())
            }
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("mfalint server does not handle {}", req.method),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        let method = n.method.clone();
        let handled = catch_unwind(AssertUnwindSafe(|| self.notified(n)));
        if handled.is_err() {
            self.log(
                MessageType::ERROR,
                format!("mfalint: internal error handling {method} (a bug in mfalint)"),
            );
        }
    }

    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let d = p.text_document;
                let syntax = check::linted_syntax(&d.language_id, &d.uri);
                self.docs.insert(
                    d.uri.clone(),
                    Document {
                        text: d.text,
                        version: Some(d.version),
                        syntax,
                        settings: None,
                        findings: Vec::new(),
                        payload: None,
                    },
                );
                self.mark(d.uri);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let uri = p.text_document.uri;
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return;
                };
                for change in p.content_changes {
                    match change.range {
                        Some(range) => {
                            let ix = LineIndex::new(&doc.text);
                            let start = ix.offset(range.start);
                            let end = ix.offset(range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = Some(p.text_document.version);
                self.mark(uri);
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    if let (Some(text), Some(doc)) =
                        (p.text, self.docs.get_mut(&p.text_document.uri))
                    {
                        doc.text = text;
                    }
                    self.mark(p.text_document.uri);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs.remove(&uri);
                    self.dirty.retain(|u| *u != uri);
                    self.publish(uri, Vec::new(), None);
                }
            }
            // A configuration file changed: every open document again.
            DidChangeWatchedFiles::METHOD => {
                let all: Vec<Url> = self.docs.keys().cloned().collect();
                for uri in all {
                    self.mark(uri);
                }
            }
            _ => {}
        }
    }

    fn mark(&mut self, uri: Url) {
        if self.docs.contains_key(&uri) && !self.dirty.contains(&uri) {
            self.dirty.push(uri);
        }
    }

    /// Checks the documents changed since their last check and publishes
    /// their diagnostics.
    fn flush(&mut self) {
        for uri in std::mem::take(&mut self.dirty) {
            let Some(doc) = self.docs.get_mut(&uri) else {
                continue;
            };
            let version = doc.version;
            let checked = catch_unwind(AssertUnwindSafe(|| lint(&uri, doc)));
            let diagnostics = match checked {
                Ok(d) => d,
                Err(_) => {
                    doc.findings.clear();
                    self.log(
                        MessageType::ERROR,
                        format!(
                            "mfalint: internal error while checking {uri} (a bug in mfalint); \
                             it was not checked"
                        ),
                    );
                    Vec::new()
                }
            };
            self.publish(uri, diagnostics, version);
        }
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params).into());
    }
}

/// Checks `doc` and returns its diagnostics (keeping its findings for code
/// actions).
fn lint(uri: &Url, doc: &mut Document) -> Vec<lsp_types::Diagnostic> {
    doc.findings.clear();
    let Some(syntax) = doc.syntax else {
        return Vec::new();
    };
    let eff = match check::settings(uri) {
        Ok(eff) => eff,
        Err(e) => {
            doc.settings = None;
            return vec![check::config_diagnostic(&e)];
        }
    };
    // What the configuration's `exclude`/`include` leave out of a
    // directory walk gets nothing in the editor either.
    if let (Ok(path), Some(filter)) = (uri.to_file_path(), &eff.paths) {
        if !filter.admits(&path) {
            doc.settings = Some(eff);
            return Vec::new();
        }
    }
    let shown = uri
        .to_file_path()
        .map_or_else(|_| uri.to_string(), |p| p.display().to_string());
    crate::cli::commands::panic_hook(&shown, doc.text.as_bytes());
    let docs = crate::check_file(doc.text.as_bytes(), syntax, eff.kind, &eff.options);
    let outcome = check::outcome(docs, eff.kind.is_some(), doc.payload);
    doc.payload = outcome.payload.or(doc.payload);
    doc.settings = Some(eff);
    let ix = LineIndex::new(&doc.text);
    let diagnostics = outcome
        .findings
        .iter()
        .map(|f| check::diagnostic(f, &ix, uri))
        .collect();
    doc.findings = outcome.findings;
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A client on an in-memory connection: the protocol without stdio.
    struct Client {
        conn: Connection,
        next: i32,
    }

    impl Client {
        fn request(&mut self, method: &str, params: Value) -> Response {
            self.next += 1;
            let req = Request::new(self.next.into(), method.to_string(), params);
            self.conn.sender.send(req.into()).unwrap();
            loop {
                match self.conn.receiver.recv().unwrap() {
                    Message::Response(r) => return r,
                    _ => continue,
                }
            }
        }

        fn notify(&self, method: &str, params: Value) {
            let n = Notification::new(method.to_string(), params);
            self.conn.sender.send(n.into()).unwrap();
        }

        /// The next diagnostics published.
        fn diagnostics(&self) -> PublishDiagnosticsParams {
            loop {
                if let Message::Notification(n) = self.conn.receiver.recv().unwrap() {
                    if n.method == PublishDiagnostics::METHOD {
                        return serde_json::from_value(n.params).unwrap();
                    }
                }
            }
        }
    }

    #[test]
    fn a_session_from_initialize_to_exit() {
        let (server, client) = Connection::memory();
        let thread = std::thread::spawn(move || serve(&server));
        let mut c = Client {
            conn: client,
            next: 0,
        };
        let init = c.request("initialize", json!({"capabilities": {}}));
        let caps = &init.result.unwrap()["capabilities"];
        assert_eq!(caps["textDocumentSync"]["change"], 2);
        c.notify("initialized", json!({}));

        let uri = "untitled:Untitled-1";
        let text = "{\"state\": \"SUCCEEDED\"}";
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
        let p = c.diagnostics();
        assert_eq!(p.version, Some(1));
        assert_eq!(
            p.diagnostics[0].code,
            Some(lsp_types::NumberOrString::String("MFA070".into()))
        );

        // A burst of changes: one check, of the last version.
        for (version, t) in [(2, "{"), (3, "{\"state\": \"SUCCESS\"}")] {
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"text": t}]}),
            );
        }
        let p = c.diagnostics();
        assert!(p.version == Some(3) || p.version == Some(2));
        if p.version == Some(2) {
            assert_eq!(c.diagnostics().version, Some(3));
        }

        let actions = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": []}}),
        );
        assert_eq!(actions.result, Some(json!([])));
        let unknown = c.request("textDocument/hover", json!({}));
        assert!(unknown.error.is_some());

        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        assert!(c.diagnostics().diagnostics.is_empty());
        let shutdown = c.request("shutdown", Value::Null);
        assert!(shutdown.error.is_none());
        c.notify("exit", Value::Null);
        assert_eq!(thread.join().unwrap(), Ok(true));
    }
}

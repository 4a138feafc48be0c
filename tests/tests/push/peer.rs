//! The real privacyIDEA peer and the `inkan` binary, driven as a user and a login page would.

use inkan_core::push::{PushStore, PushToken, ReplayCache};
use inkan_core::secret::SecretString;
use inkan_core::vault::{Credential, Vault, VaultPushStore};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The test vault's password, given to `inkan` with `--password-stdin` (line 1).
pub const PASSWORD: &str = "interop vault password";

/// Port of the tampering proxy; `up.sh` is started with `PI_PUBLIC_URL=https://127.0.0.1:5444`.
pub const PROXY_PORT: u16 = 5444;

pub struct Peer {
    pub pi_home: PathBuf,
    pub shared: PathBuf,
    pub inkan: PathBuf,
    pub work: PathBuf,
    pub vault: PathBuf,
    proxy: Child,
    extra: Vec<Child>,
    known: HashSet<String>,
}

impl Drop for Peer {
    fn drop(&mut self) {
        for child in std::iter::once(&mut self.proxy).chain(self.extra.iter_mut()) {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// What `inkan` printed.
pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Self {
        Self {
            ok: o.status.success(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or(serde_json::Value::Null)
    }
}

/// A login started by `trigger.py`.
pub struct Login {
    pub transaction: String,
    pub answer: String,
}

fn spawn_proxy(pi_home: &Path, port: u16, tls_dir: &Path, work: &Path) -> Child {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("push/tamper_proxy.py");
    Command::new(pi_home.join("venv/bin/python"))
        .arg(script)
        .args([
            "--listen",
            &port.to_string(),
            "--upstream",
            "https://127.0.0.1:5443",
        ])
        .arg("--tls-dir")
        .arg(tls_dir)
        .arg("--control")
        .arg(work.join("tamper"))
        .arg("--record")
        .arg(work.join("last-answer"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "proxy on port {port} did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).map(PathBuf::from)
}

impl Peer {
    pub fn start() -> Self {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf();
        let pi_home = env_path("PI_HOME").expect("PI_HOME: run tests/ci.d/50-push.sh");
        let shared = env_path("INKAN_SHARED").unwrap_or_else(|| root.join("../shared"));
        let inkan = env_path("INKAN_BIN").unwrap_or_else(|| root.join("target/debug/inkan"));
        assert!(
            inkan.exists(),
            "build the CLI first: cargo build -p inkan-cli"
        );
        let work = pi_home.join("interop-work");
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir_all(&work).unwrap();
        let proxy = spawn_proxy(&pi_home, PROXY_PORT, &pi_home.join("tls"), &work);
        let peer = Self {
            vault: work.join("vault.inkan"),
            pi_home,
            shared,
            inkan,
            work,
            proxy,
            extra: Vec::new(),
            known: HashSet::new(),
        };
        peer.wait_for_proxy();
        let mut peer = peer;
        assert!(
            peer.proxy.try_wait().unwrap().is_none(),
            "tamper proxy exited (port {PROXY_PORT} in use?)"
        );
        let out = peer.python("peer_admin.py", &["cleanup"]);
        eprintln!("[interop] clean slate: {}", out.trim());
        peer
    }

    fn wait_for_proxy(&self) {
        wait_for_port(PROXY_PORT);
    }

    /// A second proxy on `port` whose certificate, issued by the peer's own CA, names
    /// `other.example` instead of 127.0.0.1 (a certificate for another name).
    pub fn other_name_proxy(&mut self, port: u16) {
        let dir = self.work.join("other-tls");
        std::fs::create_dir_all(&dir).unwrap();
        let tls = self.pi_home.join("tls");
        std::fs::copy(tls.join("ca.pem"), dir.join("ca.pem")).unwrap();
        let ext = dir.join("ext");
        std::fs::write(
            &ext,
            "subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        let run = |args: &[&str]| {
            let ok = Command::new("openssl")
                .args(args)
                .current_dir(&dir)
                .output()
                .unwrap()
                .status
                .success();
            assert!(ok, "openssl {args:?}");
        };
        run(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=other.example",
        ]);
        let (ca, key) = (tls.join("ca.pem"), tls.join("ca.key"));
        run(&[
            "x509",
            "-req",
            "-sha256",
            "-days",
            "2",
            "-in",
            "server.csr",
            "-CA",
            ca.to_str().unwrap(),
            "-CAkey",
            key.to_str().unwrap(),
            "-CAcreateserial",
            "-CAserial",
            "ca.srl",
            "-extfile",
            "ext",
            "-out",
            "server.pem",
        ]);
        self.extra
            .push(spawn_proxy(&self.pi_home, port, &dir, &self.work));
        wait_for_port(port);
    }

    /// Runs a peer script (from shared/ or tests/push/) with the peer's python.
    pub fn python(&self, script: &str, args: &[&str]) -> String {
        let local = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("push")
            .join(script);
        let path = if local.exists() {
            local
        } else {
            self.shared.join("peers/privacyidea").join(script)
        };
        let out = Command::new(self.pi_home.join("venv/bin/python"))
            .arg(path)
            .args(args)
            .env("PI_HOME", &self.pi_home)
            .env("INKAN_SHARED", &self.shared)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    }

    pub fn ca(&self) -> PathBuf {
        self.pi_home.join("tls/ca.pem")
    }

    /// `inkan push <args> --vault <vault> --password-stdin` (the release binary: default
    /// Argon2id, about 0.1 s per run; release builds have no test-only KDF switch).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.inkan);
        c.arg("push")
            .args(args)
            .arg("--vault")
            .arg(&self.vault)
            .arg("--password-stdin")
            .stdin(Stdio::piped());
        c
    }

    /// Runs `inkan push <args>` with the vault password on standard input.
    pub fn inkan(&self, args: &[&str]) -> Run {
        let mut child = self
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let _ = writeln!(stdin, "{PASSWORD}");
        drop(stdin);
        Run::from(child.wait_with_output().unwrap())
    }

    /// The vault as this test's own process sees it (none before the first pairing).
    pub fn open_vault(&self) -> Option<Vault> {
        let bytes = std::fs::read(&self.vault).ok()?;
        let password = SecretString::new(PASSWORD.to_owned());
        Some(Vault::unlock(&bytes, Credential::Password(&password)).unwrap())
    }

    /// The paired push tokens in the vault.
    pub fn tokens(&self) -> Vec<PushToken> {
        self.open_vault()
            .map(|v| v.push_tokens().to_vec())
            .unwrap_or_default()
    }

    /// Changes the replay cache inside the encrypted vault (the store's own merge keeps
    /// answered marks), as another inkan process would.
    pub fn edit_replay(&self, edit: impl FnOnce(&mut ReplayCache)) {
        let store = VaultPushStore::new(&self.vault, self.open_vault().unwrap());
        let mut cache = store.load_replay().unwrap();
        edit(&mut cache);
        store.save_replay(&cache).unwrap();
    }

    pub fn enroll(&self) -> String {
        let out = self.python("enroll.py", &[]);
        out.lines()
            .find(|l| l.starts_with("otpauth://"))
            .expect("enroll.py printed no URI")
            .to_owned()
    }

    /// Starts a login for alice; returns the transaction and the number on the login screen.
    pub fn trigger(&self) -> Login {
        let out = self.python("trigger.py", &[]);
        let val = |k: &str| {
            out.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}=")))
                .unwrap_or_default()
                .to_owned()
        };
        Login {
            transaction: val("TRANSACTION_ID"),
            answer: val("PRESENCE_ANSWER"),
        }
    }

    /// Finalizes a login: (ACCEPT?, challenge_status reported by polltransaction).
    pub fn finalize(&self, login: &Login) -> (bool, String) {
        let out = self.python(
            "trigger.py",
            &["--finalize", &login.transaction, "--wait", "3"],
        );
        let status = out
            .lines()
            .rev()
            .find_map(|l| l.split("challenge_status=").nth(1))
            .unwrap_or("?")
            .to_owned();
        (out.contains("RESULT=ACCEPT"), status)
    }

    /// Polls with inkan until a challenge not seen before shows up; returns it.
    pub fn new_challenge(&mut self) -> Option<serde_json::Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let run = self.inkan(&["poll", "--json"]);
            for c in run.json().as_array().cloned().unwrap_or_default() {
                let nonce = c["nonce"].as_str().unwrap_or_default().to_owned();
                if self.known.insert(nonce) {
                    return Some(c);
                }
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        None
    }

    /// Nonces `inkan push poll --json` shows right now.
    pub fn visible(&self) -> Vec<String> {
        let run = self.inkan(&["poll", "--json"]);
        let list = run.json().as_array().cloned().unwrap_or_default();
        list.iter()
            .filter_map(|c| c["nonce"].as_str().map(str::to_owned))
            .collect()
    }

    /// Runs `inkan push watch --choose` as a user would: waits for the prompt, reads the
    /// offered numbers, picks the one the login screen shows (`number`), and returns
    /// (the options shown, the watch's own report line).
    pub fn watch_and_pick(&self, number: &str) -> (Vec<String>, String) {
        let mut child = self
            .command(&["watch", "--choose", "--interval", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let rx = stderr_chunks(child.stderr.take().unwrap());
        let deadline = Instant::now() + Duration::from_secs(20);
        let (mut options, mut text, mut report) = (Vec::new(), String::new(), String::new());
        let mut stdin = child.stdin.take().unwrap();
        // Line 1 is the vault password; the picked button follows on line 2.
        writeln!(stdin, "{PASSWORD}").unwrap();
        while Instant::now() < deadline {
            let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) else {
                continue;
            };
            text.push_str(&chunk);
            if chunk.contains("Pick the number") && options.is_empty() {
                for l in text.lines() {
                    if let Some((_, o)) =
                        l.trim().strip_prefix('[').and_then(|r| r.split_once("] "))
                    {
                        options.push(o.trim().to_owned());
                    }
                }
                let index = options
                    .iter()
                    .position(|o| o == number)
                    .map_or(0, |i| i + 1);
                writeln!(stdin, "{index}").unwrap();
            }
            if let Some(l) = text
                .lines()
                .find(|l| l.contains("inkan: approved") || l.contains("blocked"))
            {
                report = l
                    .get(l.find("inkan:").unwrap_or(0)..)
                    .unwrap_or(l)
                    .trim()
                    .to_owned();
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        (options, report)
    }

    /// Makes the proxy rewrite `field` in every challenge ("" = forward unchanged).
    pub fn tamper(&self, field: &str) {
        std::fs::write(self.work.join("tamper"), field).unwrap();
    }
}

/// The child's stderr as chunks on a channel: a line, or a prompt (which ends without a
/// newline, at ": "), so a test can answer a prompt as soon as it appears.
pub fn stderr_chunks(stderr: std::process::ChildStderr) -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::Read;
        let mut reader = std::io::BufReader::new(stderr);
        let (mut line, mut byte) = (Vec::new(), [0u8; 1]);
        while reader.read(&mut byte).unwrap_or(0) == 1 {
            line.push(byte[0]);
            if byte[0] == b'\n' || line.ends_with(b": ") {
                let _ = tx.send(String::from_utf8_lossy(&line).into_owned());
                line.clear();
            }
        }
    });
    rx
}

//! One simulated person's requests, each as their browser sends it: signing in, opening pages,
//! pulling, and a dashboard's refetch (saving rows is in `rows`). Each request is timed and its
//! answer checked.

use crate::dice::Dice;
use crate::http::{Conn, HttpError, Reply, Request};
use crate::journal::{Journal, Kind};
use crate::setup::Member;
use app::api::dashboard::{GetThresholds, ReportingMonth};
use app::api::plan::GetPlan;
use app::api::sync::SyncPull;
use leptos::server_fn::ServerFn;
use model::edit::{apply, parse_value};
use model::sync::{field_key, Mutation, Pulled};
use model::Plan;
use std::collections::HashMap;
use std::time::Instant;

/// What the person's open plan page knows.
pub(crate) struct Page {
    pub(crate) plan: Plan,
    pub(crate) versions: HashMap<String, u64>,
    /// The pull cursor.
    cursor: i64,
    /// This page load's client id, and its last sequence number.
    pub(crate) client: String,
    pub(crate) seq: u64,
    pulled_at: Instant,
    /// Edits typed while offline, not yet sent.
    pub(crate) outbox: Vec<Mutation>,
}

pub struct Person<'a> {
    pub member: &'a Member,
    pub(crate) conn: Conn,
    cookie: String,
    pub dice: Dice,
    pub journal: Journal,
    pub(crate) page: Option<Page>,
    /// Makes every text typed unique.
    pub(crate) typed: u64,
}

impl<'a> Person<'a> {
    pub fn new(member: &'a Member, host: &str, dice: Dice) -> Person<'a> {
        // 127.1.0.1, 127.1.0.2, …: a loopback address of their own per person.
        let n = member.number as u32;
        let source = std::net::Ipv4Addr::new(127, 1, (n / 250) as u8, (n % 250 + 1) as u8);
        Person {
            member,
            conn: Conn::new(host, source.into()),
            cookie: String::new(),
            dice,
            journal: Journal::default(),
            page: None,
            typed: 0,
        }
    }

    pub fn finish(mut self) -> Journal {
        self.journal.reconnects += self.conn.reconnects;
        self.journal
    }

    pub(crate) fn who(&self) -> &str {
        &self.member.username
    }

    /// Sends a request with the session cookie, timed as `kind`; a failed exchange is an error.
    pub(crate) async fn call(
        &mut self,
        kind: Kind,
        mut request: Request<'_>,
    ) -> Result<Reply, HttpError> {
        if !self.cookie.is_empty() {
            request = request.header("Cookie", self.cookie.clone());
        }
        let started = Instant::now();
        let reply = self.conn.send(&request).await;
        self.journal.time(kind, started.elapsed());
        if let Err(e) = &reply {
            let who = self.who().to_owned();
            self.journal
                .error(format!("{who}: {} {}: {e}", kind.label(), request.path));
        }
        reply
    }

    /// Like `call`, and the answer must have `status`.
    pub(crate) async fn expect(
        &mut self,
        kind: Kind,
        status: u16,
        request: Request<'_>,
    ) -> Option<Reply> {
        let path = request.path.to_owned();
        let reply = self.call(kind, request).await.ok()?;
        if reply.status == status {
            return Some(reply);
        }
        let who = self.who().to_owned();
        let text: String = reply.text().chars().take(300).collect();
        self.journal.error(format!(
            "{who}: {} {path} answered {} (expected {status}): {text}",
            kind.label(),
            reply.status
        ));
        None
    }

    /// A server function's JSON answer.
    pub(crate) async fn call_json<T: serde::de::DeserializeOwned>(
        &mut self,
        kind: Kind,
        request: Request<'_>,
    ) -> Option<T> {
        let path = request.path.to_owned();
        let reply = self
            .expect(kind, 200, request.header("Accept", "application/json"))
            .await?;
        match serde_json::from_slice(&reply.body) {
            Ok(value) => Some(value),
            Err(e) => {
                let who = self.who().to_owned();
                self.journal
                    .error(format!("{who}: {path}: an answer that does not read ({e})"));
                None
            }
        }
    }

    /// Signs in with the login form; true when a session cookie came back.
    pub async fn sign_in(&mut self, password: &str) -> bool {
        let username = self.member.username.clone();
        let form = Request::form(
            "/api/masuk",
            &[("username", &username), ("password", password)],
        );
        let Some(reply) = self.expect(Kind::SignIn, 303, form).await else {
            return false;
        };
        match reply.cookie(server::http::auth::SESSION_COOKIE) {
            Some(token) => {
                self.cookie = format!("{}={token}", server::http::auth::SESSION_COOKIE);
                true
            }
            None => {
                self.journal.error(format!(
                    "{username}: signing in gave no session (to {:?})",
                    reply.header("location")
                ));
                false
            }
        }
    }

    /// The home page, which must list the person's plan.
    pub async fn home(&mut self) {
        let link = format!("/rencana/{}", self.member.plan);
        if let Some(reply) = self.expect(Kind::Home, 200, Request::get("/")).await {
            if !reply.text().contains(&link) {
                let who = self.who().to_owned();
                self.journal
                    .error(format!("{who}: the home page does not list {link}"));
            }
        }
    }

    pub(crate) fn plan_path(&self) -> String {
        format!("/rencana/{}", self.member.plan)
    }

    /// Opens (or reloads) the plan page: a new page load, so a new client id. The first time,
    /// the plan is read as data as well, for the person's own bookkeeping.
    pub async fn open_plan(&mut self) -> bool {
        let path = self.plan_path();
        if self
            .expect(Kind::PlanPage, 200, Request::get(&path))
            .await
            .is_none()
        {
            return false;
        }
        let client = format!(
            "beban-{:03}-{:x}",
            self.member.number,
            crate::setup::nanos() & 0xFFFF_FFFF_FFFF
        );
        match self.page.as_mut() {
            Some(page) => {
                page.client = client;
                page.seq = 0;
                true
            }
            None => {
                let id = self.member.plan.to_string();
                let Some(plan) = self
                    .call_json::<Plan>(Kind::PlanData, Request::form(GetPlan::PATH, &[("id", &id)]))
                    .await
                else {
                    return false;
                };
                self.page = Some(Page {
                    plan,
                    versions: HashMap::new(),
                    cursor: 0,
                    client,
                    seq: 0,
                    pulled_at: Instant::now(),
                    outbox: Vec::new(),
                });
                if self.member.scripted {
                    self.pull().await;
                }
                true
            }
        }
    }

    /// Whether the page's 30-second pull is due.
    pub fn pull_due(&self) -> bool {
        self.page
            .as_ref()
            .is_some_and(|p| p.pulled_at.elapsed().as_secs() >= 30)
    }

    /// Pulls what changed since the cursor and lays it over the page.
    pub async fn pull(&mut self) {
        let Some(cursor) = self.page.as_ref().map(|p| p.cursor) else {
            return;
        };
        let (plan, since) = (self.member.plan.to_string(), cursor.to_string());
        let request = Request::form(SyncPull::PATH, &[("plan", &plan), ("since", &since)]);
        let Some(pulled) = self.call_json::<Pulled>(Kind::Pull, request).await else {
            return;
        };
        let mut unreadable = Vec::new();
        if let Some(page) = self.page.as_mut() {
            for now in pulled.changes {
                match parse_value(&now.field, &now.text) {
                    Ok(value) => {
                        let _ = apply(&mut page.plan, &now.field, value);
                        page.versions.insert(field_key(&now.field), now.version);
                    }
                    Err(e) => unreadable.push(format!("{}: {e}", field_key(&now.field))),
                }
            }
            page.cursor = pulled.revision;
            page.pulled_at = Instant::now();
        }
        for what in unreadable {
            let who = self.who().to_owned();
            self.journal
                .error(format!("{who}: a pulled value does not read: {what}"));
        }
    }

    /// A dashboard's data, fetched again after a live event: the plan, the year's targets and
    /// the server's month, each timed as a refetch.
    pub async fn refetch_dashboard(&mut self) {
        let id = self.member.plan.to_string();
        let year = self
            .page
            .as_ref()
            .map_or(2024, |p| p.plan.header.fiscal_year)
            .to_string();
        let plan = Request::form(GetPlan::PATH, &[("id", &id)]);
        self.call_json::<serde_json::Value>(Kind::Refetch, plan)
            .await;
        let targets = Request::form(GetThresholds::PATH, &[("year", &year)]);
        self.call_json::<serde_json::Value>(Kind::Refetch, targets)
            .await;
        let month = Request::form(ReportingMonth::PATH, &[]);
        self.call_json::<serde_json::Value>(Kind::Refetch, month)
            .await;
    }

    pub async fn dashboard_page(&mut self) -> bool {
        let path = format!("{}/dasbor", self.plan_path());
        self.expect(Kind::Dashboard, 200, Request::get(&path))
            .await
            .is_some()
    }

    pub fn cookie(&self) -> &str {
        &self.cookie
    }

    pub fn host(&self) -> &str {
        self.conn.host()
    }

    pub fn source(&self) -> std::net::IpAddr {
        self.conn.source()
    }

    pub fn has_outbox(&self) -> bool {
        self.page.as_ref().is_some_and(|p| !p.outbox.is_empty())
    }
}

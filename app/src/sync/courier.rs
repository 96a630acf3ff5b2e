//! The tab's one way to send the outbox: the signed-in person's waiting edits, oldest first,
//! [`BATCH`] at a time, one send at a time in the tab (a second caller waits its turn and then
//! finds what is left). Whatever part of the page sends, every listener hears what the server
//! answered: the plan page updates its fields, the sign-out warning its count.

use super::outbox_store;
use crate::error::AppError;
use model::sync::{Mutation, Outbox, Outcome};
use model::UserId;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Edits sent per request.
pub const BATCH: usize = 200;

/// One request's edits and their answers, and the outbox once they are settled.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub struct Delivery<'a> {
    pub owner: UserId,
    pub sent: &'a [Mutation],
    pub outcomes: &'a [Outcome],
    pub outbox: &'a Outbox,
}

/// How a send ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Sent {
    /// Every edit of the person has its answer; these many were refused or came back as
    /// conflicts.
    Done { refused: usize, conflicts: usize },
    /// The server could not be reached, or the session ended: the edits wait.
    Failed(AppError),
    /// The outbox cannot be read or written on this device.
    Storage(String),
}

type Listener = Rc<dyn Fn(&Delivery)>;

thread_local! {
    static BUSY: Cell<bool> = const { Cell::new(false) };
    static WAITING: RefCell<Vec<Waker>> = const { RefCell::new(Vec::new()) };
    static LISTENERS: RefCell<Vec<(u64, Listener)>> = const { RefCell::new(Vec::new()) };
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(0) };
}

/// Hears every delivery in this tab until [`unlisten`] is called with the number returned.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn listen(listener: impl Fn(&Delivery) + 'static) -> u64 {
    let id = NEXT_LISTENER.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    LISTENERS.with(|all| all.borrow_mut().push((id, Rc::new(listener))));
    id
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn unlisten(id: u64) {
    LISTENERS.with(|all| all.borrow_mut().retain(|(n, _)| *n != id));
}

fn tell(delivery: &Delivery) {
    // Copied out first: a listener may listen or unlisten.
    let listeners: Vec<Listener> =
        LISTENERS.with(|all| all.borrow().iter().map(|(_, l)| l.clone()).collect());
    for listener in listeners {
        listener(delivery);
    }
}

/// Sends `owner`'s waiting edits until none is left or a request fails. Nobody else's edits are
/// ever sent.
pub async fn send_waiting(owner: UserId) -> Sent {
    let _turn = Turn.await;
    let (mut refused, mut conflicts) = (0, 0);
    loop {
        let batch = match outbox_store::load() {
            Ok(outbox) => outbox.batch(owner, BATCH),
            Err(message) => return Sent::Storage(message),
        };
        if batch.is_empty() {
            return Sent::Done { refused, conflicts };
        }
        let outcomes = match crate::api::sync::sync_push(batch.clone()).await {
            Ok(outcomes) => outcomes,
            Err(error) => return Sent::Failed(error),
        };
        let answered: Vec<_> = batch[..outcomes.len().min(batch.len())]
            .iter()
            .map(Mutation::id)
            .collect();
        let outbox = match outbox_store::update(|outbox| outbox.settle(owner, &answered)) {
            Ok(((), outbox)) => outbox,
            Err(message) => return Sent::Storage(message),
        };
        for outcome in &outcomes {
            match outcome {
                Outcome::Rejected { .. } => refused += 1,
                Outcome::Conflict { .. } => conflicts += 1,
                Outcome::Applied { .. } => {}
            }
        }
        tell(&Delivery {
            owner,
            sent: &batch,
            outcomes: &outcomes,
            outbox: &outbox,
        });
        if outcomes.is_empty() {
            return Sent::Done { refused, conflicts };
        }
    }
}

/// The tab's turn to send: ready when no other send runs, and held until dropped.
struct Turn;

struct Held;

impl Future for Turn {
    type Output = Held;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Held> {
        if BUSY.with(|b| b.replace(true)) {
            WAITING.with(|w| w.borrow_mut().push(cx.waker().clone()));
            Poll::Pending
        } else {
            Poll::Ready(Held)
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
        for waker in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            waker.wake();
        }
    }
}

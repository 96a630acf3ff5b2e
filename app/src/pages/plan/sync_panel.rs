//! The connection and the outbox at a glance ("Luring · 3 perubahan belum terkirim", with
//! "Sinkronkan sekarang"; other people's edits waiting on the device are counted, never shown),
//! an outbox that could not be read and was kept aside, edits the server refused, and the open
//! conflicts, each with both values and the three ways to settle it. The resolve forms also
//! work with JavaScript off.

use crate::api::sync::{resolve_conflict, ResolveConflict};
use crate::components::PostForm;
use crate::sync::{AsideView, SyncEngine, Take};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use model::sync::Conflict;

#[component]
pub fn SyncBar() -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    let waiting = move || sync.waiting.get();
    view! {
        <section class="sync-bar" aria-label="Sinkronisasi" data-online=move || sync.online.get().to_string()>
            <span class="connection">
                {move || if sync.online.get() { "Daring" } else { "Luring \u{2014} perubahan disimpan di perangkat ini" }}
            </span>
            <span class="pending" data-count=waiting>
                {move || match waiting() {
                    0 => "Semua perubahan terkirim".to_owned(),
                    n => format!("{n} perubahan belum terkirim"),
                }}
            </span>
            <button
                type="button"
                on:click=move |_| sync.send()
                disabled=move || sync.sending.get()
            >
                "Sinkronkan sekarang"
            </button>
            {move || match sync.others_waiting.get() {
                0 => None,
                n => Some(view! {
                    <p class="others-waiting" data-count=n>
                        {format!(
                            "{n} perubahan milik pengguna lain juga menunggu di perangkat ini; \
                             perubahan itu tidak dikirim atas nama Anda dan akan dikirim saat pemiliknya masuk."
                        )}
                    </p>
                }),
            }}
            {move || sync.problem.get().map(|p| view! { <p class="save-error" role="alert">{p}</p> })}
            {move || {
                let refused = sync.rejected.get();
                (!refused.is_empty()).then(|| view! {
                    <div class="sync-rejected" role="alert">
                        <p>"Perubahan berikut ditolak server dan tidak disimpan:"</p>
                        <ul>{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                        <button type="button" on:click=move |_| sync.rejected.set(Vec::new())>"Tutup"</button>
                    </div>
                })
            }}
        </section>
    }
}

/// Each outbox value that could not be read: kept aside under its own key, with what can still
/// be read from it offered for sending.
#[component]
pub fn UnreadableOutbox() -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    move || {
        sync.asides
            .get()
            .into_iter()
            .map(|aside| view! { <AsideNotice aside/> })
            .collect_view()
    }
}

/// Lists edits as "A TW I (rencana 3): 12", at most ten, then how many more.
fn edit_list(edits: &[model::sync::Mutation]) -> impl IntoView {
    const SHOWN: usize = 10;
    let more = edits.len().saturating_sub(SHOWN);
    view! {
        <ul class="aside-edits">
            {edits
                .iter()
                .take(SHOWN)
                .map(|m| view! {
                    <li>{format!("{} (rencana {}): \u{201c}{}\u{201d}", m.field.label(), m.plan, m.text)}</li>
                })
                .collect_view()}
            {(more > 0).then(|| view! { <li>{format!("dan {more} perubahan lain")}</li> })}
        </ul>
    }
}

#[component]
fn AsideNotice(aside: AsideView) -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    let AsideView {
        key,
        reason,
        mine,
        unknown,
        others,
    } = aside;
    let (mine_count, unknown_count) = (mine.len(), unknown.len());
    let readable = match (mine_count, unknown_count, others) {
        (0, 0, 0) => "Tidak ada perubahan yang dapat dibaca darinya.".to_owned(),
        _ => {
            let mut parts = Vec::new();
            if mine_count > 0 {
                parts.push(format!("{mine_count} perubahan Anda"));
            }
            if unknown_count > 0 {
                parts.push(format!("{unknown_count} perubahan tanpa nama pemilik"));
            }
            if others > 0 {
                parts.push(format!(
                    "{others} perubahan pengguna lain (ditawarkan kepada pemiliknya saat ia masuk)"
                ));
            }
            format!("Yang masih dapat dibaca: {}.", parts.join(", "))
        }
    };
    let (send_key, unknown_key, close_key) = (key.clone(), key.clone(), key.clone());
    view! {
        <section class="outbox-unreadable" role="alert" aria-labelledby=format!("judul-{key}") data-key=key.clone()>
            <h2 id=format!("judul-{key}")>"Antrean perubahan tidak dapat dibaca"</h2>
            <p>
                {format!("Antrean perubahan di perangkat ini {reason}, jadi tidak dipakai dan tidak ditimpa. \
                          Isinya disimpan utuh dengan nama ")}
                <code class="aside-key">{key.clone()}</code>"."
            </p>
            <p class="aside-readable">{readable}</p>
            {(mine_count > 0).then(|| view! {
                <h3>"Perubahan Anda"</h3>
                {edit_list(&mine)}
            })}
            {(unknown_count > 0).then(|| view! {
                <h3>"Perubahan tanpa nama pemilik"</h3>
                <p class="muted">"Kirim hanya jika perubahan ini memang Anda yang membuatnya: akan tercatat atas nama Anda."</p>
                {edit_list(&unknown)}
            })}
            <div class="aside-actions">
                {(mine_count > 0).then(|| view! {
                    <button type="button" on:click=move |_| sync.recover(&send_key, Take::Mine)>
                        {format!("Kirim {mine_count} perubahan Anda")}
                    </button>
                })}
                {(unknown_count > 0).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| sync.recover(&unknown_key, Take::UnknownAsMine)>
                        {format!("Kirim {unknown_count} perubahan ini sebagai milik saya")}
                    </button>
                })}
                <button type="button" class="secondary" on:click=move |_| sync.close_aside(&close_key)>"Tutup pemberitahuan"</button>
            </div>
        </section>
    }
}

#[component]
pub fn ConflictList() -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    view! {
        <Show when=move || sync.conflicts.with(|c| !c.is_empty())>
            <section class="conflicts" aria-labelledby="konflik-title">
                <h2 id="konflik-title">{move || format!("Konflik ({})", sync.conflicts.with(Vec::len))}</h2>
                <p>
                    "Nilai ini diubah di server sementara Anda bekerja luring. Server menyimpan nilainya; "
                    "pilih nilai yang benar."
                </p>
                <ul>
                    <For each=move || sync.conflicts.get() key=|c| c.id let:conflict>
                        <ConflictItem conflict/>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn ConflictItem(conflict: Conflict) -> impl IntoView {
    let sync = expect_context::<SyncEngine>();
    let zone = expect_context::<super::state::PlanState>().zone;
    let error = RwSignal::new(None::<String>);
    let plan = sync.plan();
    let id = conflict.id;
    let form = move |choice: &'static str, button: &'static str| {
        let hidden = vec![
            ("plan", plan.0.to_string()),
            ("conflict", id.to_string()),
            ("choice", choice.to_owned()),
        ];
        let run = Callback::new(move |text: String| {
            leptos::task::spawn_local(async move {
                match resolve_conflict(plan, id, choice.to_owned(), text).await {
                    Ok(()) => {
                        error.set(None);
                        sync.pull();
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            });
        });
        let text = (choice == "new").then_some(("text", "Nilai baru"));
        match text {
            Some(text) => view! { <PostForm url=ResolveConflict::PATH hidden text button=button.to_owned() run/> }.into_any(),
            None => view! { <PostForm url=ResolveConflict::PATH hidden button=button.to_owned() run/> }.into_any(),
        }
    };
    view! {
        <li class="conflict" data-conflict=id>
            <p class="conflict-place"><strong>{conflict.place.clone()}</strong>" \u{00b7} "{conflict.label.clone()}</p>
            <dl>
                <dt>"Nilai Anda"</dt>
                <dd class="mine">{conflict.mine.clone()}</dd>
                <dt>"Nilai di server"</dt>
                <dd class="theirs">{conflict.theirs.clone()}</dd>
            </dl>
            <p class="conflict-who">{format!("Diubah luring oleh {} \u{00b7} tiba {}", conflict.user_name, conflict.at.in_zone(zone))}</p>
            <div class="conflict-actions">
                {form("mine", "Pakai nilai saya")}
                {form("server", "Pakai nilai server")}
                {form("new", "Simpan nilai baru")}
            </div>
            {move || error.get().map(|e| view! { <p class="save-error" role="alert">{e}</p> })}
        </li>
    }
}

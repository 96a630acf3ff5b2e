//! `pantau`: serve the app, import a sheet, or store a large made-up plan for load tests.
//!
//!   pantau [serve] [--demo]
//!                         serve at LEPTOS_SITE_ADDR (127.0.0.1:3000). With --demo (or PANTAU_DEMO=1)
//!                         a database that holds no person yet gets the demo plan and demo people,
//!                         all or nothing; a database with people never does.
//!   pantau import FILE [--under "UNIT"]
//!                         import an action-plan sheet (a workbook, .xlsx, known by its zip
//!                         header whatever its name; or the tab-separated text export) for the
//!                         unit its header names. A unit that does not exist yet is created only with
//!                         --under, below that (existing) unit.
//!   pantau generate N     store a made-up plan with N indicators (`model::synthetic`), for benchmarks
//!   pantau create-user USERNAME "FULL NAME" "UNIT" ROLE
//!                         create a person with a role (operator, pimpinan, admin) in a unit, which
//!                         is created at the top when it does not exist: the way to the first admin.
//!                         The password is read from PANTAU_PASSWORD, or else from standard input.
//!   pantau bench-sync [EDITS] [BATCH]
//!                         time pushing EDITS (10000) queued offline edits in batches of BATCH
//!                         (500) into fresh SQLite and PostgreSQL databases (PANTAU_TEST_POSTGRES_URL)
//!   pantau generate-national [UNITS] [YEARS]
//!                         store a made-up national tree: 34 Kanwil, UNITS (1000) units under
//!                         them, each with a plan (30 indicators, 15 activities) for each of YEARS
//!                         (5) years up to this one (`model::synthetic::national`)
//!   pantau bench-rollup [UNITS] [RUNS]
//!                         time the national and a Kanwil's roll-up page and one save reaching an
//!                         open roll-up, in fresh SQLite and PostgreSQL databases
//!   pantau bench-export [INDICATORS] [RUNS]
//!                         time "Unduh Excel", the print page and "Impor dari Excel" of a
//!                         made-up plan of INDICATORS (1000) indicators, RUNS (5) times each,
//!                         in a fresh SQLite database
//!   pantau bench-evidence [MB] [PARALLEL]
//!                         time uploading and downloading an MB (20) MB evidence file on
//!                         loopback, and the peak memory during PARALLEL (10) uploads at once
//!   pantau grant USERNAME "UNIT" ROLE
//!                         give an existing person a role in a unit (created at the top if missing)
//!   pantau set-zone "UNIT" ZONE
//!                         set the unit's time zone (WIB, WITA or WIT), or `induk` to let it keep
//!                         its parent's again. Units created by import, create-user or grant keep
//!                         their parent's (WIB at the top) until one is set.
//!   pantau set-deadline YEAR TW DATE
//!                         set the last day (YYYY-MM-DD) a quarter's report of YEAR may be
//!                         approved (default: the quarter's last day); past it, unapproved is late
//!   pantau purge          remove stored sync answers of clients unseen for 90 days, expired
//!                         sessions and day-old login failures (`serve` does this every hour)
//!
//!   pantau backup FILE    copy the SQLite database, as it stands at one moment, into FILE (new),
//!                         while the server runs (PostgreSQL: pg_dump, see the README)
//!   pantau restore FILE [--force]
//!                         check the backup FILE and put it in place as the SQLite database; a
//!                         database holding data is replaced only with --force and never while open
//!   pantau check-config   print what `serve` would run with; refuse a setting that would stop
//!                         or mislead it (the database is looked at, never migrated)
//!   pantau --version      the release and the schema version it runs on
//!
//! The database is `DATABASE_URL` (default `sqlite://data/pantau.db`; `postgres://...` for PostgreSQL).

use leptos::config::get_configuration;
use server::config;
use server::http::router;
use server::ops::demo::{load_demo_data, DemoOutcome};
use server::ops::import::{import_file, ImportError};
use server::ops::site;
use server::storage::{AdminStamp, InsertOutcome, Store, StoreError, UnitPlacement};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        // Logs on standard error, so a command's own output (stdout) stays clean; colours only
        // on a terminal: under systemd the journal would keep the escape codes.
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["serve"] => serve(demo_asked(false)).await,
        ["serve", "--demo"] => serve(true).await,
        ["import", file] => import(file, None).await,
        ["import", file, "--under", parent] => import(file, Some(parent)).await,
        ["generate", count] => generate(count).await,
        ["create-user", username, name, unit, role] => create_user(username, name, unit, role).await,
        ["grant", username, unit, role] => grant(username, unit, role).await,
        ["set-zone", unit, zone] => set_zone(unit, zone).await,
        ["set-deadline", year, quarter, day] => match open_store().await {
            Ok(store) => server::ops::deadlines::set_deadline(&store, year, quarter, day)
                .await
                .map(|said| println!("{said}")),
            Err(e) => Err(e),
        },
        ["bench-sync", rest @ ..] => bench_sync(rest).await,
        ["bench-export", rest @ ..] => bench_export(rest).await,
        ["bench-rollup", rest @ ..] => server::ops::bench_rollup::command(rest).await,
        ["generate-national", rest @ ..] => match open_store().await {
            Ok(store) => server::ops::national::command(&store, rest).await,
            Err(e) => Err(e),
        },
        ["bench-evidence", rest @ ..] => bench_evidence(rest).await,
        ["purge"] => purge().await,
        ["backup", file] => backup(file).await,
        ["restore", file] => restore(file, false).await,
        ["restore", file, "--force"] => restore(file, true).await,
        ["check-config"] => server::ops::check_config::check_config()
            .await
            .map(|report| println!("{report}")),
        ["--version" | "-V" | "version"] => {
            println!("{}", server::ops::version::version_line());
            Ok(())
        }
        _ => Err(format!(
            "usage: pantau [serve] [--demo] | pantau import FILE [--under \"UNIT\"] | pantau generate N | pantau generate-national [UNITS] [YEARS] | \
             pantau create-user USERNAME \"FULL NAME\" \"UNIT\" ROLE | pantau grant USERNAME \"UNIT\" ROLE | pantau set-zone \"UNIT\" WIB|WITA|WIT|induk | pantau set-deadline YEAR TW YYYY-MM-DD | pantau purge | \
             pantau backup FILE | pantau restore FILE [--force] | pantau check-config | pantau --version \
             (ROLE: operator, pimpinan or admin; given: {})",
            args.join(" ")
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("pantau: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn open_store() -> Result<Store, String> {
    let url = config::database_url();
    config::ensure_sqlite_folder(&url)
        .map_err(|e| format!("cannot create the database folder: {e}"))?;
    Store::connect(&url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))
}

/// `PANTAU_DEMO=1` asks for the demo data as `--demo` does (for runners that cannot pass
/// arguments, such as `cargo leptos`).
fn demo_asked(flag: bool) -> bool {
    flag || std::env::var("PANTAU_DEMO").is_ok_and(|v| v == "1")
}

async fn serve(demo: bool) -> Result<(), String> {
    let store = open_store().await?;
    if demo {
        match load_demo_data(&store).await {
            Ok(DemoOutcome::Loaded { plan, summary }) => {
                tracing::warn!(
                    "demo data loaded as plan {plan}; its people's passwords are public: never on a server others can reach\n{summary}"
                )
            }
            Ok(DemoOutcome::HasPeople) => {
                tracing::info!("--demo: the database already holds people; no demo data loaded")
            }
            Err(e) => return Err(format!("cannot load the demo data: {e}")),
        }
    }
    let conf = get_configuration(None).map_err(|e| format!("leptos configuration: {e}"))?;
    let mut options = conf.leptos_options;
    options.hash_files = site::hashed_names(
        std::env::var("LEPTOS_HASH_FILES").ok().as_deref(),
        &options.hash_file,
    );
    site::prepare(std::path::Path::new(options.site_root.as_ref()));
    let addr = options.site_addr;
    let settings = config::Settings::from_env().map_err(|e| e.to_string())?;
    server::ops::purge::spawn_hourly(store.clone());
    let database = store.clone();
    let app = router::router_with(store, options, settings);
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(server::ops::shutdown::requested())
    .await
    .map_err(|e| format!("server stopped: {e}"))?;
    database.close().await;
    Ok(())
}

/// Removes what is kept only for a while (see `server::ops::purge`).
async fn purge() -> Result<(), String> {
    let store = open_store().await?;
    let purged = server::ops::purge::purge(&store, server::clock::now())
        .await
        .map_err(|e| format!("purge failed, nothing was removed by the failed step: {e}"))?;
    println!("{purged}");
    Ok(())
}

async fn import(file: &str, under: Option<&str>) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let store = open_store().await?;
    let placement = match under {
        None => UnitPlacement::ExistingOnly,
        Some(name) => {
            let parent = store
                .unit_named(name)
                .await
                .map_err(|e| format!("cannot read the units: {e}"))?
                .ok_or_else(|| format!("--under: there is no unit named \u{201c}{name}\u{201d}"))?;
            UnitPlacement::Under(parent.id)
        }
    };
    let report = import_file(&store, &bytes, &placement)
        .await
        .map_err(|e| match e {
            ImportError::Sheet(_) | ImportError::Workbook(_) | ImportError::NotASheet => {
                format!("{file}: {e} (nothing was imported)")
            }
            ImportError::Storage(StoreError::UnknownUnit(unit)) => format!(
                "{file}: the unit \u{201c}{unit}\u{201d} does not exist yet; nothing was imported. \
                 Give --under \"PARENT UNIT\" to create it below that unit (a decision for a top admin)"
            ),
            ImportError::Storage(e) => format!("storing the plan failed, nothing was imported: {e}"),
        })?;
    for warning in &report.warnings {
        println!("peringatan: {warning}");
    }
    match report.outcome {
        InsertOutcome::Created(id) => println!("imported as plan {id}\n{}", report.summary),
        InsertOutcome::AlreadyExists(id) => {
            println!("this plan (same work unit and year) is already stored as plan {id}; nothing imported")
        }
    }
    Ok(())
}

async fn generate(count: &str) -> Result<(), String> {
    let indicators: usize = count.parse().map_err(|_| {
        format!("generate: N must be a whole number of indicators (given: {count})")
    })?;
    let plan = model::synthetic::synthetic_plan(indicators);
    let store = open_store().await?;
    let outcome = store
        .insert_plan(&plan, &UnitPlacement::Top)
        .await
        .map_err(|e| format!("storing the generated plan failed, nothing was stored: {e}"))?;
    match outcome {
        InsertOutcome::Created(id) => println!(
            "generated plan {id}: {} ({} goals, {indicators} indicators, {} activities)",
            plan.header.work_unit,
            plan.goals.len(),
            plan.activities.len()
        ),
        InsertOutcome::AlreadyExists(id) => println!(
            "plan {id} ({}, {}) is already stored; nothing generated",
            plan.header.work_unit, plan.header.fiscal_year
        ),
    }
    Ok(())
}

async fn create_user(username: &str, name: &str, unit: &str, role: &str) -> Result<(), String> {
    let role = model::access::Role::from_code(role).ok_or_else(|| {
        format!("create-user: ROLE must be operator, pimpinan or admin (given: {role})")
    })?;
    let password = match std::env::var("PANTAU_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!("password for {username} (then Enter):");
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the password: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let store = open_store().await?;
    let by = AdminStamp::command_line(server::clock::now());
    let unit_id = store
        .unit_or_new_top(unit.trim(), &by)
        .await
        .map_err(|e| format!("cannot find or create the unit: {e}"))?;
    let candidate = server::usecases::admin::Candidate {
        username,
        name,
        password: &password,
        grant: model::access::Grant {
            unit: unit_id,
            role,
        },
    };
    let id = server::usecases::admin::create_user(&store, &candidate, None, &by)
        .await
        .map_err(|e| format!("create-user: {e}"))?;
    println!(
        "created user {id} ({}), {} of {unit}",
        username.trim().to_lowercase(),
        role.label()
    );
    Ok(())
}

async fn set_zone(unit: &str, zone: &str) -> Result<(), String> {
    let zone = match zone.trim() {
        "induk" => None,
        code => Some(model::time::Zone::parse(code).map_err(|_| {
            format!("set-zone: ZONE must be WIB, WITA, WIT or induk (given: {code})")
        })?),
    };
    let store = open_store().await?;
    let found = store
        .unit_named(unit)
        .await
        .map_err(|e| format!("cannot read the units: {e}"))?
        .ok_or_else(|| format!("set-zone: there is no unit named \u{201c}{unit}\u{201d}"))?;
    let by = AdminStamp::command_line(server::clock::now());
    store
        .set_unit_zone(found.id, zone, &by)
        .await
        .map_err(|e| format!("cannot set the zone: {e}"))?;
    let now = store
        .unit_zone(found.id)
        .await
        .map_err(|e| format!("cannot read the zone: {e}"))?;
    println!("{} now shows times in {}", found.name, now.label());
    Ok(())
}

async fn grant(username: &str, unit: &str, role: &str) -> Result<(), String> {
    let role = model::access::Role::from_code(role).ok_or_else(|| {
        format!("grant: ROLE must be operator, pimpinan or admin (given: {role})")
    })?;
    let store = open_store().await?;
    let username = username.trim().to_lowercase();
    let (user, _) = store
        .login_record(&username)
        .await
        .map_err(|e| format!("cannot read the people: {e}"))?
        .ok_or_else(|| format!("grant: there is no person named {username}"))?;
    let by = AdminStamp::command_line(server::clock::now());
    let unit_id = store
        .unit_or_new_top(unit.trim(), &by)
        .await
        .map_err(|e| format!("cannot find or create the unit: {e}"))?;
    store
        .grant(
            user,
            model::access::Grant {
                unit: unit_id,
                role,
            },
            &by,
        )
        .await
        .map_err(|e| format!("cannot give the role: {e}"))?;
    println!("{username} is now {} of {unit}", role.label());
    Ok(())
}

async fn bench_export(args: &[&str]) -> Result<(), String> {
    let number = |i: usize, default: usize| {
        args.get(i).map_or(Ok(default), |a| {
            a.parse::<usize>()
                .map_err(|_| format!("bench-export: {a} is not a number"))
        })
    };
    let (indicators, runs) = (number(0, 1000)?, number(1, 5)?);
    let sqlite =
        std::env::temp_dir().join(format!("pantau_bench_export_{}.db", std::process::id()));
    let url = format!("sqlite://{}", sqlite.display());
    let result = server::ops::bench_export::run(&url, indicators, runs).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    for line in result? {
        println!("{line}");
    }
    Ok(())
}

async fn bench_evidence(args: &[&str]) -> Result<(), String> {
    let number = |i: usize, default: usize| {
        args.get(i).map_or(Ok(default), |a| {
            a.parse::<usize>()
                .map_err(|_| format!("bench-evidence: {a} is not a number"))
        })
    };
    let (megabytes, parallel) = (number(0, 20)?, number(1, 10)?);
    let sqlite =
        std::env::temp_dir().join(format!("pantau_bench_evidence_{}.db", std::process::id()));
    let url = format!("sqlite://{}", sqlite.display());
    let result = server::ops::bench_evidence::run(&url, megabytes as u64, parallel).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    for line in result? {
        println!("{line}");
    }
    Ok(())
}

async fn bench_sync(args: &[&str]) -> Result<(), String> {
    use sqlx::{Connection, Executor};
    let number = |i: usize, default: usize| {
        args.get(i)
            .map(|a| {
                a.parse::<usize>()
                    .map_err(|_| format!("bench-sync: {a} is not a number"))
            })
            .unwrap_or(Ok(default))
    };
    let (edits, batch) = (number(0, 10_000)?, number(1, 500)?.max(1));
    let id = std::process::id();
    let sqlite = std::env::temp_dir().join(format!("pantau_bench_sync_{id}.db"));
    let url = format!("sqlite://{}", sqlite.display());
    let result = server::ops::bench_sync::run("SQLite", &url, edits, batch, 2).await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
    }
    println!("{}", result?);
    let admin = std::env::var("PANTAU_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("pantau_bench_sync_{id}");
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .map_err(|e| format!("bench-sync needs PostgreSQL at {admin}: {e}"))?;
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .map_err(|e| format!("cannot create {name}: {e}"))?;
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(base, _)| base);
    let result =
        server::ops::bench_sync::run("PostgreSQL", &format!("{base}/{name}"), edits, batch, 5)
            .await;
    let _ = conn
        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
        .await;
    println!("{}", result?);
    Ok(())
}

/// `pantau backup FILE` (see `server::ops::backup`).
async fn backup(file: &str) -> Result<(), String> {
    let done = server::ops::backup::backup(&config::database_url(), std::path::Path::new(file))
        .await
        .map_err(|e| format!("backup: {e}"))?;
    println!("backed up into {done}");
    Ok(())
}

/// `pantau restore FILE [--force]` (see `server::ops::backup`).
async fn restore(file: &str, force: bool) -> Result<(), String> {
    let url = config::database_url();
    let done = server::ops::backup::restore(&url, std::path::Path::new(file), force)
        .await
        .map_err(|e| format!("restore: {e}"))?;
    println!("restored {file} into {done}");
    Ok(())
}

//! A scheduler and two executors as separate processes on 127.0.0.1: the
//! GROUP BY queries over the bank log split into files give exactly the
//! single-process figures. The guard stops every process it started, also
//! when an assertion fails.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills and reaps its children when dropped, whatever happened.
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "port {port} never opened"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

const QUERIES: [&str; 3] = [
    "SELECT type, asa(q_time, answered) AS asa, \
     service_level(q_time, answered, 20, 'count_against', 5) AS sl, \
     abandonment(answered, q_time, 5) AS ab, aht(ser_time, 0, 0) AS aht \
     FROM calls GROUP BY type ORDER BY type",
    "SELECT date_trunc('hour', started) AS hour, service_level(q_time, answered, 20, 'exclude_short', 5) AS sl, \
     asa(q_time, answered) AS asa, duration_quantile(ser_time, 0.9) AS p90 \
     FROM calls GROUP BY 1 ORDER BY 1",
    "SELECT asa(q_time, answered) AS asa, mean_wait(q_time, answered) AS w, \
     abandonment(answered, 0, 0) AS ab, duration_quantile_sketch(q_time, 0.5) AS median FROM calls",
];

fn sql(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cxkpi-sql"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_scheduler_and_two_executors_give_the_single_process_figures() {
    let dir = std::env::temp_dir().join(format!("cxkpi-cluster-{}", std::process::id()));
    let files = dir.join("calls");
    sql(&["--split-calls", files.to_str().unwrap(), "4"]);
    assert_eq!(std::fs::read_dir(&files).unwrap().count(), 4);

    let scheduler = free_port();
    let mut processes = Processes(Vec::new());
    let quiet = |c: &mut Command| {
        c.stdout(Stdio::null()).stderr(Stdio::null());
    };
    let mut command = Command::new(env!("CARGO_BIN_EXE_cxkpi-scheduler"));
    command.args([
        "--bind",
        &format!("127.0.0.1:{scheduler}"),
        "--external-host",
        "127.0.0.1",
    ]);
    quiet(&mut command);
    processes.0.push(command.spawn().unwrap());
    wait_for(scheduler);
    for i in 0..2 {
        let (flight, grpc) = (free_port(), free_port());
        let work = dir.join(format!("executor-{i}"));
        std::fs::create_dir_all(&work).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_cxkpi-executor"));
        command.args([
            "--scheduler",
            &format!("127.0.0.1:{scheduler}"),
            "--bind",
            "127.0.0.1",
            "--external-host",
            "127.0.0.1",
            "--port",
            &flight.to_string(),
            "--grpc-port",
            &grpc.to_string(),
            "--tasks",
            "2",
            "--work-dir",
            work.to_str().unwrap(),
        ]);
        quiet(&mut command);
        processes.0.push(command.spawn().unwrap());
        wait_for(flight);
    }
    // Executors register on their first heartbeat.
    std::thread::sleep(Duration::from_secs(3));
    let table = format!("calls={}", files.display());
    let remote = format!("df://127.0.0.1:{scheduler}");
    for query in QUERIES {
        let local = sql(&["--format", "csv", query]);
        let split = sql(&[
            "--format",
            "csv",
            "--table",
            &table,
            "--partitions",
            "4",
            query,
        ]);
        assert_eq!(split, local, "{query}");
        let distributed = sql(&[
            "--format", "csv", "--table", &table, "--remote", &remote, query,
        ]);
        assert_eq!(distributed, local, "{query}");
    }
    drop(processes);
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

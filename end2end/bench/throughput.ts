import { Agent, request } from "node:http";

/** Requests per second one address answers, `CONNECTIONS` at a time over kept-alive connections
 * (as `wrk -c8`), and the bytes of a body as sent (not decoded). */
export type Throughput = { perSecond: number; bytes: number; errors: number };

const CONNECTIONS = 8;

function once(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`status ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Loads `address` for a second to warm up, then for `seconds` measured. */
export async function throughput(address: string, headers: Record<string, string>, seconds: number): Promise<Throughput> {
  const url = new URL(address);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const run = async (ms: number) => {
    const end = Date.now() + ms;
    let done = 0;
    let errors = 0;
    let bytes = 0;
    const worker = async () => {
      while (Date.now() < end) {
        try {
          bytes = await once(agent, url, headers);
          done += 1;
        } catch {
          errors += 1;
        }
      }
    };
    const start = Date.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    return { perSecond: done / ((Date.now() - start) / 1000), bytes, errors };
  };
  await run(1000);
  const measured = await run(seconds * 1000);
  agent.destroy();
  return measured;
}

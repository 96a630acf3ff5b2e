// cargo-leptos starts the server and the tests together; wait until it answers.
export default async function globalSetup() {
  const deadline = Date.now() + 120_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch("http://127.0.0.1:3000/");
      if (response.ok) return;
      lastError = new Error(`status ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server did not answer within 120 s: ${lastError}`);
}

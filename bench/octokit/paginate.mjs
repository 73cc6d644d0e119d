// Baseline: list every Copilot seat of an org with octokit.paginate, as a typical script would.
// paginate does not unwrap {total_seats, seats} by itself, so the map function is required to
// get seats rather than one object per page.
import { Octokit } from "@octokit/rest";

const [baseUrl, org, token] = process.argv.slice(2);
const octokit = new Octokit({ auth: token ?? "sim_bench", baseUrl, userAgent: "copilotseats-bench-octokit" });
const started = performance.now();
const seats = await octokit.paginate(
  "GET /orgs/{org}/copilot/billing/seats",
  { org, per_page: 100 },
  (response) => response.data.seats,
);
const seconds = (performance.now() - started) / 1000;
const unique = new Set(seats.map((s) => `${s.assignee?.id}|${s.assigning_team?.slug ?? ""}`)).size;
console.log(JSON.stringify({ seconds, seats: seats.length, unique }));

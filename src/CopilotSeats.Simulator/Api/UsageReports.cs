using System.Globalization;
using System.Text.Json.Nodes;
using CopilotSeats.Simulator.Routing;

namespace CopilotSeats.Simulator.Api;

/// <summary>
/// The latest 28-day Copilot usage metrics reports (GET only; docs: "Copilot usage metrics"): 200
/// {download_links[], report_start_day, report_end_day}. Minimal: the simulator serves no report files, so
/// the links list is empty. The report ends yesterday (data lags) and starts 27 days before.
/// </summary>
internal sealed class UsageReports
{
    private readonly SimulatorState _state;
    public UsageReports(SimulatorState state) => _state = state;

    public Answer Latest28Day(RouteRequest request)
    {
        DateOnly end = DateOnly.FromDateTime(_state.Now.UtcDateTime).AddDays(-1);
        return new Answer(200, new JsonObject
        {
            ["download_links"] = new JsonArray(),
            ["report_start_day"] = end.AddDays(-27).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["report_end_day"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }
}

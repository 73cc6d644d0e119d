using System.Collections;
using CopilotSeats.Summary;

using static CopilotSeats.Core.Tests.TestSeats;

namespace CopilotSeats.Core.Tests;

/// <summary>-Price as one number for every plan type (SeatPrices.Flat / FromValue), beside the hashtable form.</summary>
public class PriceTests
{
    [Theory]
    [InlineData(19)]
    [InlineData(19L)]
    [InlineData(19.0)]
    [InlineData("19")]
    [InlineData(" 19.00 ")]
    public void One_number_is_the_price_of_every_plan_type(object value)
    {
        IReadOnlyDictionary<string, decimal> prices = SeatPrices.FromValue(value)!;
        foreach (string plan in new[] { "business", "Enterprise", "unknown", "some-future-plan" })
        {
            Assert.True(prices.TryGetValue(plan, out decimal price), plan);
            Assert.Equal(19m, price);
        }
        Assert.Equal(new[] { "business", "enterprise" }, prices.Keys.OrderBy(k => k)); // what the report lists
    }

    [Fact]
    public void A_flat_price_charges_every_user_once_whatever_their_plan_and_warns_of_nothing()
    {
        var summarizer = new SeatSummarizer(30, SeatPrices.FromValue(21m), null, SeatGrouping.None, Now);
        summarizer.Add(new[] { Seat("a"), Seat("b", plan: "enterprise"), Seat("c", plan: "unknown", activeDaysAgo: 90) });
        var summary = Assert.Single(summarizer.Complete());
        Assert.Equal(3 * 21m, summary.MonthlyCost);
        Assert.Equal(21m, summary.InactiveMonthlyCost);
        Assert.Null(summarizer.UnknownPlanWarning());
    }

    [Fact]
    public void A_hashtable_keeps_its_meaning_and_null_means_list_prices()
    {
        var prices = SeatPrices.FromValue(new Hashtable { ["business"] = 10, ["enterprise"] = "30" })!;
        Assert.Equal(10m, prices["business"]);
        Assert.Equal(30m, prices["enterprise"]);
        Assert.False(prices.ContainsKey("unknown"));
        Assert.Null(SeatPrices.FromValue(null));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData(true)]
    public void Anything_else_is_InvalidPrice(object value)
    {
        var ex = Assert.Throws<CopilotException>(() => SeatPrices.FromValue(value));
        Assert.Equal("CopilotSeats.InvalidPrice", ex.ErrorId);
        Assert.True(ex.IsTerminating);
        Assert.Contains("-Price 19", ex.RecommendedAction ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_is_InvalidPrice() =>
        Assert.Equal("CopilotSeats.InvalidPrice", Assert.Throws<CopilotException>(() => SeatPrices.FromValue(new DateTime(2026, 1, 1))).ErrorId);
}

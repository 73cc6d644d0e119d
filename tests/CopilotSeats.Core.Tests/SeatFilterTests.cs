using static CopilotSeats.Core.Tests.TestSeats;

namespace CopilotSeats.Core.Tests;

/// <summary>SeatFilter: inactivity from last activity else creation; DaysInactive, the number -InactiveDays compares with.</summary>
public class SeatFilterTests
{
    [Theory]
    [InlineData(10, null, false)]   // created 10 days ago, never used: still in its first 90 days
    [InlineData(120, null, true)]   // created 120 days ago, activity null (never used or reset by GitHub)
    [InlineData(400, 30, false)]    // used 30 days ago
    [InlineData(400, 91, true)]     // used 91 days ago
    [InlineData(400, 89, false)]
    public void Inactive_uses_last_activity_else_creation(int createdDaysAgo, int? activeDaysAgo, bool inactive)
    {
        var seat = Seat("u", activeDaysAgo, createdDaysAgo);
        Assert.Equal(inactive, SeatFilter.IsInactive(seat, 90, Now));
        Assert.Equal(activeDaysAgo is null ? seat.CreatedAt : seat.LastActivityAt, SeatFilter.LastUsed(seat));
    }

    [Fact]
    public void A_seat_without_any_date_counts_as_inactive_and_days_must_be_positive()
    {
        Assert.True(SeatFilter.IsInactive(new CopilotSeat { Login = "x" }, 30, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatFilter.IsInactive(new CopilotSeat(), 0, Now));
    }

    [Fact]
    public void Stamp_keeps_the_inactive_seats_in_their_order()
    {
        var seats = new[] { Seat("a", 45, 100), Seat("b", 5, 100), Seat("c", null, 10), Seat("d", null, 60), Seat("e", 31, 300) };

        Assert.Equal(new[] { "a", "d", "e" }, SeatFilter.Stamp(seats, 30, Now).Select(s => s.Login));
        Assert.Equal(new[] { "d" }, SeatFilter.Stamp(seats, 50, Now).Select(s => s.Login));
        Assert.Empty(SeatFilter.Stamp(seats, 1000, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatFilter.Stamp(seats, -1, Now));
    }

    [Theory]
    [InlineData(400.0, 3.0, 3)]      // last activity wins over creation
    [InlineData(400.0, 3.99, 3)]     // whole days, rounded down
    [InlineData(400.0, 0.5, 0)]
    [InlineData(12.7, null, 12)]     // never used: counts from creation
    [InlineData(null, 45.2, 45)]
    [InlineData(10.0, -2.0, 0)]      // a date after now (clock skew) is 0, never negative
    public void Counts_whole_days_since_last_activity_else_creation(double? createdDaysAgo, double? activeDaysAgo, int expected) =>
        Assert.Equal(expected, SeatFilter.DaysInactive(Seat("u", activeDaysAgo, createdDaysAgo), Now));

    [Fact]
    public void Is_null_without_either_date() => Assert.Null(SeatFilter.DaysInactive(Seat("u", null, null), Now));

    [Theory]
    [InlineData(29.99, false)]
    [InlineData(30.0, true)]
    [InlineData(30.01, true)]
    [InlineData(31.5, true)]
    public void InactiveDays_selects_exactly_the_seats_whose_DaysInactive_reaches_it(double activeDaysAgo, bool inactive)
    {
        CopilotSeat seat = Seat("u", activeDaysAgo, 500);
        Assert.Equal(inactive, SeatFilter.IsInactive(seat, 30, Now));
        Assert.Equal(inactive, SeatFilter.DaysInactive(seat, Now) >= 30);
    }

    [Theory]
    [InlineData(5, 6, false)]   // a seat created N days ago is not inactive for more than N days
    [InlineData(5, 5, true)]
    [InlineData(5, 4, true)]
    public void A_new_unused_seat_has_a_grace_period_as_long_as_its_age(int createdDaysAgo, int days, bool inactive)
    {
        CopilotSeat seat = Seat("u", null, createdDaysAgo + 0.25);
        Assert.Equal(createdDaysAgo, SeatFilter.DaysInactive(seat, Now));
        Assert.Equal(inactive, SeatFilter.IsInactive(seat, days, Now));
    }

    [Fact]
    public void Stamp_sets_DaysInactive_on_every_seat_and_filters_by_that_same_number()
    {
        var seats = new[] { Seat("u", 45, 100), Seat("u", 5, 100), Seat("u", null, 10), Seat("u", null, 60), Seat("u", null, null) };

        IReadOnlyList<CopilotSeat> all = SeatFilter.Stamp(seats, 0, Now);
        Assert.Equal(new int?[] { 45, 5, 10, 60, null }, all.Select(s => s.DaysInactive));

        IReadOnlyList<CopilotSeat> inactive = SeatFilter.Stamp(seats, 30, Now);
        Assert.Equal(new int?[] { 45, 60, null }, inactive.Select(s => s.DaysInactive));
        Assert.Equal(seats.Where(s => SeatFilter.IsInactive(s, 30, Now)), inactive);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatFilter.Stamp(seats, -1, Now));
    }
}

namespace CopilotSeats.Core.Tests;

/// <summary>DaysInactive: whole days since last activity, else creation; the number -InactiveDays compares with.</summary>
public class DaysInactiveTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CopilotSeat Seat(double? createdDaysAgo, double? activeDaysAgo) => new()
    {
        Login = "u",
        CreatedAt = createdDaysAgo is null ? null : Now.AddDays(-createdDaysAgo.Value),
        LastActivityAt = activeDaysAgo is null ? null : Now.AddDays(-activeDaysAgo.Value),
    };

    [Theory]
    [InlineData(400.0, 3.0, 3)]      // last activity wins over creation
    [InlineData(400.0, 3.99, 3)]     // whole days, rounded down
    [InlineData(400.0, 0.5, 0)]
    [InlineData(12.7, null, 12)]     // never used: counts from creation
    [InlineData(null, 45.2, 45)]
    [InlineData(10.0, -2.0, 0)]      // a date after now (clock skew) is 0, never negative
    public void Counts_whole_days_since_last_activity_else_creation(double? createdDaysAgo, double? activeDaysAgo, int expected) =>
        Assert.Equal(expected, SeatFilter.DaysInactive(Seat(createdDaysAgo, activeDaysAgo), Now));

    [Fact]
    public void Is_null_without_either_date() => Assert.Null(SeatFilter.DaysInactive(Seat(null, null), Now));

    [Theory]
    [InlineData(29.99, false)]
    [InlineData(30.0, true)]
    [InlineData(30.01, true)]
    [InlineData(31.5, true)]
    public void InactiveDays_selects_exactly_the_seats_whose_DaysInactive_reaches_it(double activeDaysAgo, bool inactive)
    {
        CopilotSeat seat = Seat(500, activeDaysAgo);
        Assert.Equal(inactive, SeatFilter.IsInactive(seat, 30, Now));
        Assert.Equal(inactive, SeatFilter.DaysInactive(seat, Now) >= 30);
    }

    [Theory]
    [InlineData(5, 6, false)]   // a seat created N days ago is not inactive for more than N days
    [InlineData(5, 5, true)]
    [InlineData(5, 4, true)]
    public void A_new_unused_seat_has_a_grace_period_as_long_as_its_age(int createdDaysAgo, int days, bool inactive)
    {
        CopilotSeat seat = Seat(createdDaysAgo + 0.25, null);
        Assert.Equal(createdDaysAgo, SeatFilter.DaysInactive(seat, Now));
        Assert.Equal(inactive, SeatFilter.IsInactive(seat, days, Now));
    }

    [Fact]
    public void Stamp_sets_DaysInactive_on_every_seat_and_filters_by_that_same_number()
    {
        var seats = new[] { Seat(100, 45), Seat(100, 5), Seat(10, null), Seat(60, null), Seat(null, null) };

        IReadOnlyList<CopilotSeat> all = SeatFilter.Stamp(seats, 0, Now);
        Assert.Equal(new int?[] { 45, 5, 10, 60, null }, all.Select(s => s.DaysInactive));

        IReadOnlyList<CopilotSeat> inactive = SeatFilter.Stamp(seats, 30, Now);
        Assert.Equal(new int?[] { 45, 60, null }, inactive.Select(s => s.DaysInactive));
        Assert.Equal(seats.Where(s => SeatFilter.IsInactive(s, 30, Now)), inactive);
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatFilter.Stamp(seats, -1, Now));
    }
}

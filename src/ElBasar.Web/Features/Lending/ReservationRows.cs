namespace ElBasar.Web.Features.Lending;

/// <summary>A list of reservations as the pages show it.</summary>
public sealed record ReservationRows(IReadOnlyList<ReservationRow> Rows, string Empty, bool ShowItem = true);

public sealed record ReservationRow(Reservation Reservation, string Title, DateOnly Today)
{
    public bool Late => Reservation.Status == ReservationStatus.Lent && Reservation.To < Today;
}

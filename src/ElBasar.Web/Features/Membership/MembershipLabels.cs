using System.Globalization;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Membership;

/// <summary>The French words of memberships.</summary>
public static class MembershipLabels
{
    public static string Of(MembershipState state) => state switch
    {
        MembershipState.Active => "À jour",
        MembershipState.Pending => "En attente de paiement",
        MembershipState.Expired => "Ancien membre",
        _ => "Jamais adhérent",
    };

    public static string Of(PaymentMethod method) => method switch
    {
        PaymentMethod.Transfer => "Virement",
        PaymentMethod.Cheque => "Chèque",
        PaymentMethod.Cash => "Espèces",
        _ => "Exonérée",
    };

    public static string Euros(decimal amount) =>
        amount.ToString(amount == decimal.Truncate(amount) ? "0" : "0.00", WebModule.French) + "\u00a0€";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", WebModule.French);

    public static string Amount(decimal? amount) => amount?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}

using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Membership;

/// <summary>How a payment is started: instructions to show, or an address to send the payer to.</summary>
public sealed record PaymentStart(string Instructions, Uri? RedirectTo = null);

/// <summary>
/// A way of taking payments. The manual one is the network's own (transfer, cheque, cash, recorded
/// by a facilitator); an online provider implements this too and calls <see cref="Payments.SettleAsync"/>
/// when its notification arrives. Listings and memberships never know which one is used.
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }
    PaymentStart Start(Payment payment);
}

/// <summary>Payments the facilitators record by hand, with the network's instructions.</summary>
public sealed class ManualPaymentProvider(IOptions<MembershipOptions> options) : IPaymentProvider
{
    public string Name => "manual";

    public PaymentStart Start(Payment payment) => new(options.Value.PaymentInstructions);
}

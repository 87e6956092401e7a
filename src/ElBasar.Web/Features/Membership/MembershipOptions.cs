namespace ElBasar.Web.Features.Membership;

/// <summary>Settings of memberships (<c>Membership:*</c>).</summary>
public sealed class MembershipOptions
{
    public const string Section = "Membership";

    /// <summary>Minutes between two passes of the reminders and expiries.</summary>
    public int PollMinutes { get; set; } = 60;

    /// <summary>False on nodes that must not send membership reminders.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>What a non-member structure pays to publish a listing; 0 lets everyone publish for free.</summary>
    public decimal ListingPriceEur { get; set; } = 10;

    /// <summary>What featuring a listing for a month costs ("À la une").</summary>
    public decimal FeaturePriceEur { get; set; } = 2;

    /// <summary>How to pay, as shown to owners on their membership page (bank details, address for cheques).</summary>
    public string PaymentInstructions { get; set; } =
        "Par virement ou par chèque à l'ordre du réseau, ou en espèces lors d'une rencontre ; l'équipe d'animation enregistre le paiement et vous envoie le reçu.";
}

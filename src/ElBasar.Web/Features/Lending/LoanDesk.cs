using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Features.Listings.Publishing;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// Lending for the pages, the API and the jobs alike: items, reservations and their life
/// (approve, decline, cancel, pick up, return). Only an item's organisation (its owners and
/// editors, <see cref="OrganizationAccess"/>) approves, declines, records pickups and returns;
/// the borrower and the lender may both cancel; only they see a reservation.
/// </summary>
public sealed class LoanDesk(
    ElBasarDbContext db, OrganizationAccess access, ListingPublisher publisher, Networks.NetworkAudiences audiences, LendingMails mails,
    CompletedLoans completedLoans, IEnumerable<ILoanReturnedHandler> returnedHandlers, TimeProvider clock)
{
    public const int MaxQuantity = 500;
    public const int MaxLoanDaysLimit = 365;
    public const int MaxNoteLength = 2000;
    const int Attempts = 8;

    public DateOnly Today => ReservationCalendar.Today(clock.GetUtcNow());

    // ---------- items ----------

    /// <summary>
    /// Lists an item in <paramref name="networkId"/> (the person's current network) when the organisation is a member of
    /// it, in the home network otherwise: the item belongs to its listing's network, like any listing.
    /// </summary>
    public async Task<LendingResult> CreateItemAsync(Guid userId, Guid organizationId, ItemFields fields, CancellationToken ct, Guid? networkId = null)
    {
        if (!await access.CanEditAsync(userId, organizationId, ct)) return LendingResult.Forbidden;
        var errors = new Dictionary<string, string[]>();
        var quantity = Integer(fields.Quantity, "quantity", "La quantité", 1, MaxQuantity, 1, errors);
        var maxDays = Integer(fields.MaxLoanDays, "maxLoanDays", "La durée maximale de prêt", 1, MaxLoanDaysLimit, 14, errors);
        var deposit = Money(fields.DepositEur, "depositEur", "La caution", errors);
        var fee = Money(fields.FeeEur, "feeEur", "La participation", errors);
        var audience = LendingAudience.Members;
        if (!string.IsNullOrWhiteSpace(fields.Audience) && !Slug.TryParse(fields.Audience.Trim(), out audience))
            errors["audience"] = [$"« {fields.Audience} » n'est pas un public : « members » (structures du réseau) ou « everyone » (aussi les particuliers et les réseaux partenaires)."];
        Text(fields.Conditions, "conditions", "Les conditions", 5000, errors);
        Text(fields.PickupPlace, "pickupPlace", "Le lieu de retrait", 300, errors);
        Text(fields.PickupHours, "pickupHours", "Les horaires de retrait", 300, errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var listingFields = new ListingFields
        {
            Kind = "offer", Title = fields.Title, Description = fields.Description,
            Category = string.IsNullOrWhiteSpace(fields.Category) ? "equipment" : fields.Category, ExchangeModes = ["loan"],
            // A lending library is not a three-month offer: its listing stays a year, renewable like any other.
            ExpiresAt = ReservationCalendar.Iso(Today.AddYears(1)),
        };
        if (errors.Count > 0)
        {
            // Check the listing's own fields too, so that one answer names every problem; nothing is saved.
            var dry = await publisher.CreateAsync(userId, organizationId, listingFields, ct);
            foreach (var (key, value) in dry.Errors) errors[key] = value;
            await transaction.RollbackAsync(ct);
            return LendingResult.Invalid(errors);
        }
        var published = await publisher.CreateAsync(userId, organizationId, listingFields, ct, networkId);
        if (published.Outcome != PublishingOutcome.Done) return published.Outcome == PublishingOutcome.Invalid
            ? LendingResult.Invalid(new Dictionary<string, string[]>(published.Errors)) : LendingResult.Forbidden;
        var item = new LendingItem
        {
            OrganizationId = organizationId, ListingId = published.Listing!.Id, Quantity = quantity, DepositEur = deposit, FeeEur = fee,
            Conditions = Blank(fields.Conditions), PickupPlace = Blank(fields.PickupPlace), PickupHours = Blank(fields.PickupHours),
            Audience = audience, AutoApprove = fields.AutoApprove, MaxLoanDays = maxDays, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.LendingItems.Add(item);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return LendingResult.ForItem(item);
    }

    /// <summary>
    /// Changes the loan terms (the title, description, category and photos are the listing's, edited there).
    /// The quantity never goes below what a day ahead already holds: the item is locked as for a request.
    /// </summary>
    public async Task<LendingResult> UpdateItemAsync(Guid userId, Guid itemId, ItemFields fields, CancellationToken ct)
    {
        var current = await db.LendingItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (current is null) return LendingResult.NotFound;
        if (!await access.CanEditAsync(userId, current.OrganizationId, ct)) return LendingResult.Forbidden;
        var errors = new Dictionary<string, string[]>();
        var quantity = Integer(fields.Quantity, "quantity", "La quantité", 1, MaxQuantity, current.Quantity, errors);
        var maxDays = Integer(fields.MaxLoanDays, "maxLoanDays", "La durée maximale de prêt", 1, MaxLoanDaysLimit, current.MaxLoanDays, errors);
        var deposit = Money(fields.DepositEur, "depositEur", "La caution", errors);
        var fee = Money(fields.FeeEur, "feeEur", "La participation", errors);
        var audience = current.Audience;
        if (!string.IsNullOrWhiteSpace(fields.Audience) && !Slug.TryParse(fields.Audience.Trim(), out audience))
            errors["audience"] = [$"« {fields.Audience} » n'est pas un public : « members » ou « everyone »."];
        Text(fields.Conditions, "conditions", "Les conditions", 5000, errors);
        Text(fields.PickupPlace, "pickupPlace", "Le lieu de retrait", 300, errors);
        Text(fields.PickupHours, "pickupHours", "Les horaires de retrait", 300, errors);
        if (errors.Count > 0) return LendingResult.Invalid(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM lending_items WHERE id = {itemId} FOR UPDATE", ct);
        var today = Today;
        var busiest = await db.ReservationDays.Where(d => d.ItemId == itemId && d.Day >= today).GroupBy(d => d.Day)
            .Select(g => new { Day = g.Key, Held = g.Count(), Top = g.Max(d => d.Slot) }).OrderByDescending(g => g.Top).FirstOrDefaultAsync(ct);
        if (busiest is not null && busiest.Top > quantity)
            return LendingResult.Invalid(new()
            {
                ["quantity"] = [$"{busiest.Held} exemplaire(s) sont déjà réservés le {ReservationCalendar.French(busiest.Day)} : la quantité ne peut pas descendre sous {busiest.Top} avant la fin de ces réservations."],
            });
        var item = await db.LendingItems.SingleAsync(i => i.Id == itemId, ct);
        item.Quantity = quantity;
        item.MaxLoanDays = maxDays;
        item.DepositEur = deposit;
        item.FeeEur = fee;
        item.Audience = audience;
        item.AutoApprove = fields.AutoApprove;
        item.Conditions = Blank(fields.Conditions);
        item.PickupPlace = Blank(fields.PickupPlace);
        item.PickupHours = Blank(fields.PickupHours);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return LendingResult.ForItem(item);
    }

    /// <summary>Blocks (or frees) the days of a range; the item's people only. Units already held stay held.</summary>
    public async Task<LendingResult> BlockAsync(Guid userId, Guid itemId, string? rawFrom, string? rawTo, bool block, CancellationToken ct)
    {
        var item = await db.LendingItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return LendingResult.NotFound;
        if (!await access.CanEditAsync(userId, item.OrganizationId, ct)) return LendingResult.Forbidden;
        var errors = new Dictionary<string, string[]>();
        if (ReservationCalendar.CheckRequest(rawFrom, rawTo, Today, MaxLoanDaysLimit, errors) is not { } range) return LendingResult.Invalid(errors);
        var days = ReservationCalendar.Days(range.From, range.To).ToList();
        var existing = await db.LendingBlocks.Where(b => b.ItemId == itemId && b.Day >= range.From && b.Day <= range.To).ToListAsync(ct);
        if (block) db.LendingBlocks.AddRange(days.Except(existing.Select(e => e.Day)).Select(d => new LendingBlock { ItemId = itemId, Day = d }));
        else db.LendingBlocks.RemoveRange(existing);
        await db.SaveChangesAsync(ct);
        return LendingResult.ForItem(item);
    }

    // ---------- reservations ----------

    /// <summary>
    /// Asks for the item from <paramref name="rawFrom"/> to <paramref name="rawTo"/> (inclusive Paris dates):
    /// confirmed at once when the item approves automatically, pending otherwise; a conflict when a day is full or blocked.
    /// </summary>
    public async Task<LendingResult> ReserveAsync(Guid userId, Guid itemId, string? rawFrom, string? rawTo, Guid? asOrganizationId,
        string? message, CancellationToken ct)
    {
        var item = await db.LendingItems.AsNoTracking().Include(i => i.Listing).SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null || item.Listing!.Status != ListingStatus.Published
            || !await db.Organizations.AnyAsync(o => o.Id == item.OrganizationId && o.Status == OrganizationStatus.Active, ct))
            return LendingResult.NotFound;
        // Only what the person may see is reservable: their networks' items, and those a partnership shares with them.
        if (!(await audiences.AnywhereAsync(userId, Networks.Shared.Items, ct)).Sees(item.Listing))
            return LendingResult.Hidden("Ce matériel n'est pas prêté à votre réseau : il n'est partagé avec vous par aucun partenariat en cours.");

        var errors = new Dictionary<string, string[]>();
        var range = ReservationCalendar.CheckRequest(rawFrom, rawTo, Today, item.MaxLoanDays, errors);
        if (message is { Length: > MaxNoteLength }) errors["message"] = [$"Le message doit faire au plus {MaxNoteLength} caractères ({message.Length} saisis)."];
        string? borrowerName = null;
        if (asOrganizationId is { } orgId)
        {
            if (!await access.CanEditAsync(userId, orgId, ct))
                errors["asOrganizationId"] = ["Vous ne faites pas partie de cette structure : empruntez en votre nom ou au nom d'une de vos structures."];
            else if (orgId == item.OrganizationId)
                errors["asOrganizationId"] = ["Ce matériel est déjà à votre structure : bloquez plutôt les jours où vous l'utilisez."];
            else
            {
                // Members of the item's network, and of the networks it shares its items with, borrow alike.
                var lendsTo = await audiences.ReceivingNetworksAsync(item.Listing.NetworkId, Networks.Shared.Items, ct);
                var org = await db.Organizations.AsNoTracking().Where(o => o.Id == orgId)
                    .Select(o => new { o.Name, Member = o.Networks.Any(n => lendsTo.Contains(n.NetworkId) && n.IsMember) }).SingleAsync(ct);
                if (item.Audience == LendingAudience.Members && !org.Member)
                    errors["asOrganizationId"] = ["Ce matériel se prête aux structures membres de son réseau et des réseaux partenaires avec qui il le partage seulement."];
                borrowerName = org.Name;
            }
        }
        else if (item.Audience == LendingAudience.Members)
            errors["asOrganizationId"] = ["Ce matériel se prête aux structures membres du réseau : choisissez au nom de quelle structure vous empruntez."];
        else
            borrowerName = await db.Set<Accounts.User>().Where(u => u.Id == userId).Select(u => u.DisplayName ?? u.Email).SingleAsync(ct);
        if (range is null || errors.Count > 0) return LendingResult.Invalid(errors);

        var (from, to) = range.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryReserveAsync(item, from, to, userId, asOrganizationId, borrowerName!, message, ct);
            }
            catch (Exception ex) when (attempt < Attempts && IsRace(ex))
            {
                // Another request took a slot between our read and our write: read again.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
        }
    }

    async Task<LendingResult> TryReserveAsync(LendingItem item, DateOnly from, DateOnly to, Guid userId, Guid? organizationId,
        string borrowerName, string? message, CancellationToken ct)
    {
        // SQLite: EF begins "BEGIN IMMEDIATE", one writer at a time. PostgreSQL: the item's row is locked,
        // so requests for one item queue while others go on. Either way the key on (item, day, slot) holds.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM lending_items WHERE id = {item.Id} FOR UPDATE", ct);
        // Read again under the lock: the quantity may have changed since the item was first read.
        var quantity = await db.LendingItems.AsNoTracking().Where(i => i.Id == item.Id).Select(i => i.Quantity).SingleAsync(ct);
        var taken = await db.ReservationDays.AsNoTracking().Where(d => d.ItemId == item.Id && d.Day >= from && d.Day <= to)
            .Select(d => new { d.Day, d.Slot }).ToListAsync(ct);
        var blocked = (await db.LendingBlocks.AsNoTracking().Where(b => b.ItemId == item.Id && b.Day >= from && b.Day <= to)
            .Select(b => b.Day).ToListAsync(ct)).ToHashSet();
        var assignment = ReservationCalendar.Assign(from, to, quantity, blocked, taken.Select(t => (t.Day, t.Slot)));
        if (!assignment.Granted) return LendingResult.Conflict(assignment.Problem);

        var now = clock.GetUtcNow().UtcDateTime;
        var reservation = new Reservation
        {
            ItemId = item.Id, From = from, To = to, RequestedById = userId, BorrowerOrganizationId = organizationId,
            BorrowerName = borrowerName, Message = Blank(message), CreatedAt = now,
            Status = item.AutoApprove ? ReservationStatus.Confirmed : ReservationStatus.Pending,
            DecidedAt = item.AutoApprove ? now : null,
        };
        db.Reservations.Add(reservation);
        db.ReservationDays.AddRange(assignment.Slots.Select(s => new ReservationDay { ItemId = item.Id, Day = s.Day, Slot = s.Slot, ReservationId = reservation.Id }));
        var dates = Dates(reservation);
        if (item.AutoApprove)
        {
            await mails.ToBorrowerAsync(reservation, "confirmed", $"Réservation confirmée : {item.Listing!.Title}",
                $"Votre réservation de « {item.Listing.Title} » {dates} est confirmée.{Terms(item)}", ct);
            await mails.ToLenderAsync(reservation, "booked", $"Nouvelle réservation : {item.Listing.Title}",
                $"{borrowerName} a réservé « {item.Listing.Title} » {dates} (confirmée automatiquement).{Quote(message)}", ct);
        }
        else
        {
            await mails.ToLenderAsync(reservation, "requested", $"Demande de prêt : {item.Listing!.Title}",
                $"{borrowerName} demande à emprunter « {item.Listing.Title} » {dates}.{Quote(message)}\n\nAcceptez ou déclinez la demande depuis sa page.", ct);
            await mails.ToBorrowerAsync(reservation, "sent", $"Demande envoyée : {item.Listing.Title}",
                $"Votre demande pour « {item.Listing.Title} » {dates} est transmise au prêteur. Vous recevrez sa réponse par courriel.", ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return LendingResult.ForReservation(reservation);
    }

    public Task<LendingResult> ApproveAsync(Guid userId, Guid id, string? answer, CancellationToken ct) =>
        LenderActAsync(userId, id, ct, async (r, title) =>
        {
            if (r.Status != ReservationStatus.Pending) return StateProblem(r);
            if (TooLong(answer, "message") is { } tooLong) return tooLong;
            r.Status = ReservationStatus.Confirmed;
            r.Answer = Blank(answer);
            r.DecidedAt = Now;
            var item = await db.LendingItems.AsNoTracking().SingleAsync(i => i.Id == r.ItemId, ct);
            await mails.ToBorrowerAsync(r, "approved", $"Demande acceptée : {title}",
                $"Votre demande pour « {title} » {Dates(r)} est acceptée.{Quote(answer)}{Terms(item)}", ct);
            return null;
        });

    public Task<LendingResult> DeclineAsync(Guid userId, Guid id, string? answer, CancellationToken ct) =>
        LenderActAsync(userId, id, ct, async (r, title) =>
        {
            if (r.Status != ReservationStatus.Pending) return StateProblem(r);
            if (TooLong(answer, "message") is { } tooLong) return tooLong;
            r.Status = ReservationStatus.Declined;
            r.Answer = Blank(answer);
            r.DecidedAt = Now;
            await ReleaseAsync(r, null, ct);
            await mails.ToBorrowerAsync(r, "declined", $"Demande déclinée : {title}",
                $"Votre demande pour « {title} » {Dates(r)} n'a pas pu être acceptée.{Quote(answer)}", ct);
            return null;
        });

    /// <summary>Pickup: the item leaves with its condition noted.</summary>
    public Task<LendingResult> CheckoutAsync(Guid userId, Guid id, string? note, CancellationToken ct, CleanPhoto? photo = null) =>
        LenderActAsync(userId, id, ct, (r, _) =>
        {
            if (r.Status != ReservationStatus.Confirmed) return Task.FromResult<LendingResult?>(StateProblem(r));
            if (TooLong(note, "note") is { } tooLong) return Task.FromResult<LendingResult?>(tooLong);
            r.Status = ReservationStatus.Lent;
            r.CheckedOutAt = Now;
            r.CheckoutNote = Blank(note);
            AddPhoto(r, ConditionPhoto.Checkout, photo);
            return Task.FromResult<LendingResult?>(null);
        });

    void AddPhoto(Reservation r, string stage, CleanPhoto? photo)
    {
        if (photo is null) return;
        db.ConditionPhotos.Add(new ConditionPhoto
        {
            ReservationId = r.Id, Stage = stage, ContentType = photo.ContentType, Bytes = photo.Bytes,
            Width = photo.Width, Height = photo.Height, CreatedAt = Now,
        });
    }

    /// <summary>Return: condition, any damage and what was agreed about the deposit; the days still ahead are freed.</summary>
    public async Task<LendingResult> ReturnAsync(Guid userId, Guid id, string? note, string? damage, string? deposit, CancellationToken ct, CleanPhoto? photo = null)
    {
        var result = await LenderActAsync(userId, id, ct, async (r, title) =>
        {
            if (r.Status != ReservationStatus.Lent) return StateProblem(r);
            if ((TooLong(note, "note") ?? TooLong(damage, "damage") ?? TooLong(deposit, "deposit")) is { } tooLong) return tooLong;
            r.Status = ReservationStatus.Returned;
            r.ReturnedAt = Now;
            r.ReturnNote = Blank(note);
            r.Damage = Blank(damage);
            r.DepositAgreement = Blank(deposit);
            AddPhoto(r, ConditionPhoto.Return, photo);
            await ReleaseAsync(r, Today, ct);
            var details = (r.Damage is null ? "" : $"\n\nDommages notés : {r.Damage}") + (r.DepositAgreement is null ? "" : $"\n\nCaution : {r.DepositAgreement}");
            await mails.ToBorrowerAsync(r, "returned", $"Retour enregistré : {title}", $"Le retour de « {title} » est enregistré. Merci !{details}", ct);
            return null;
        });
        if (result.Outcome == LendingOutcome.Done && await completedLoans.FindAsync(id, ct) is { } loan)
        {
            foreach (var handler in returnedHandlers) await handler.ReturnedAsync(loan, userId, ct);
        }
        return result;
    }

    /// <summary>Either side cancels a pending or confirmed reservation; the reason is kept and sent to the other side.</summary>
    public async Task<LendingResult> CancelAsync(Guid userId, Guid id, string? reason, CancellationToken ct)
    {
        var r = await db.Reservations.Include(x => x.Item).ThenInclude(i => i!.Listing).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return LendingResult.NotFound;
        var lender = await access.CanEditAsync(userId, r.Item!.OrganizationId, ct);
        var borrower = await IsBorrowerAsync(userId, r, ct);
        if (!lender && !borrower) return LendingResult.NotFound;
        if (r.Status is not (ReservationStatus.Pending or ReservationStatus.Confirmed)) return StateProblem(r);
        if (TooLong(reason, "reason") is { } tooLong) return tooLong;
        r.Status = ReservationStatus.Cancelled;
        r.CancelledAt = Now;
        r.CancelReason = Blank(reason);
        r.CancelledBy = borrower ? "borrower" : "lender";
        await ReleaseAsync(r, null, ct);
        var title = r.Item.Listing!.Title;
        var body = $"La réservation de « {title} » {Dates(r)} est annulée par {(borrower ? r.BorrowerName : "le prêteur")}.{Quote(reason, "Raison")}";
        if (borrower) await mails.ToLenderAsync(r, "cancelled", $"Réservation annulée : {title}", body, ct);
        else await mails.ToBorrowerAsync(r, "cancelled", $"Réservation annulée : {title}", body, ct);
        await db.SaveChangesAsync(ct);
        return LendingResult.ForReservation(r);
    }

    /// <summary>The reservation when the user is a party to it (the lender's people, the person who asked, the borrowing organisation's people).</summary>
    public async Task<(Reservation Reservation, bool Lender, bool Borrower)?> FindForPartyAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var r = await db.Reservations.AsNoTracking().Include(x => x.Item).ThenInclude(i => i!.Listing).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var lender = await access.CanEditAsync(userId, r.Item!.OrganizationId, ct);
        var borrower = await IsBorrowerAsync(userId, r, ct);
        return lender || borrower ? (r, lender, borrower) : null;
    }

    async Task<bool> IsBorrowerAsync(Guid userId, Reservation r, CancellationToken ct) =>
        r.RequestedById == userId || (r.BorrowerOrganizationId is { } org && await access.CanEditAsync(userId, org, ct));

    /// <summary>Loads, checks the user is the lender (others get not found: they must not learn of the loan), changes, saves.</summary>
    async Task<LendingResult> LenderActAsync(Guid userId, Guid id, CancellationToken ct, Func<Reservation, string, Task<LendingResult?>> change)
    {
        var r = await db.Reservations.Include(x => x.Item).ThenInclude(i => i!.Listing).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return LendingResult.NotFound;
        if (!await access.CanEditAsync(userId, r.Item!.OrganizationId, ct))
            return await IsBorrowerAsync(userId, r, ct) ? LendingResult.Forbidden : LendingResult.NotFound;
        if (await change(r, r.Item.Listing!.Title) is { } refused) return refused;
        await db.SaveChangesAsync(ct);
        return LendingResult.ForReservation(r);
    }

    /// <summary>Frees the reservation's units, all of them or those after <paramref name="keepUntil"/>.</summary>
    async Task ReleaseAsync(Reservation r, DateOnly? keepUntil, CancellationToken ct)
    {
        var days = db.ReservationDays.Where(d => d.ReservationId == r.Id);
        if (keepUntil is { } day) days = days.Where(d => d.Day > day);
        db.ReservationDays.RemoveRange(await days.ToListAsync(ct));
    }

    DateTime Now => clock.GetUtcNow().UtcDateTime;

    static LendingResult StateProblem(Reservation r) => LendingResult.Conflict(r.Status switch
    {
        ReservationStatus.Pending => "Cette demande attend encore la réponse du prêteur.",
        ReservationStatus.Confirmed => "Cette réservation est confirmée : le matériel n'est pas encore retiré.",
        ReservationStatus.Declined => "Cette demande a été déclinée.",
        ReservationStatus.Cancelled => "Cette réservation est annulée.",
        ReservationStatus.Lent => "Le matériel est en prêt : enregistrez son retour.",
        _ => "Ce prêt est terminé : le matériel est rendu.",
    });

    static LendingResult? TooLong(string? text, string key) => text is { Length: > MaxNoteLength }
        ? LendingResult.Invalid(new() { [key] = [$"Le texte doit faire au plus {MaxNoteLength} caractères ({text.Length} saisis)."] })
        : null;

    public static string Dates(Reservation r) => r.From == r.To
        ? $"le {ReservationCalendar.French(r.From)}"
        : $"du {ReservationCalendar.French(r.From)} au {ReservationCalendar.French(r.To)}";

    static string Terms(LendingItem item)
    {
        var parts = new List<string>();
        if (item.PickupPlace is { } place) parts.Add($"Retrait : {place}{(item.PickupHours is { } hours ? $" ({hours})" : "")}.");
        if (item.DepositEur is { } deposit) parts.Add($"Caution : {deposit.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',')} €.");
        if (item.FeeEur is { } fee) parts.Add($"Participation : {fee.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',')} €.");
        if (item.Conditions is { } conditions) parts.Add($"Conditions : {conditions}");
        return parts.Count == 0 ? "" : "\n\n" + string.Join("\n", parts);
    }

    static string Quote(string? text, string label = "Message") => string.IsNullOrWhiteSpace(text) ? "" : $"\n\n{label} : « {text.Trim()} »";

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static bool IsRace(Exception ex) => ex switch
    {
        DbUpdateException => true,
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        PostgresException { SqlState: "40001" or "40P01" or "23505" } => true,
        _ => ex.InnerException is { } inner && IsRace(inner),
    };

    static int Integer(string? raw, string key, string what, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[key] = [$"{what} « {raw} » doit être un nombre entier entre {min} et {max}."];
        return fallback;
    }

    static decimal? Money(string? raw, string key, string what, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim().TrimEnd('€').Replace(" ", "").Replace("\u00a0", "").Replace("\u202f", "").Replace(',', '.');
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 100_000m)
            return decimal.Round(value, 2, MidpointRounding.AwayFromZero);
        errors[key] = [$"{what} « {raw} » doit être un montant en euros entre 0 et 100 000, par exemple 50 ou 12,50."];
        return null;
    }

    static void Text(string? raw, string key, string what, int max, Dictionary<string, string[]> errors)
    {
        if (raw is { Length: > 0 } && raw.Length > max) errors[key] = [$"{what} doivent faire au plus {max} caractères ({raw.Length} saisis)."];
    }
}

/// <summary>An item as a form or the API gives it: numbers stay text, so a refused form keeps what was typed.</summary>
public sealed record ItemFields
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public string? Quantity { get; init; }
    public string? DepositEur { get; init; }
    public string? FeeEur { get; init; }
    public string? Conditions { get; init; }
    public string? PickupPlace { get; init; }
    public string? PickupHours { get; init; }
    public string? Audience { get; init; }
    public bool AutoApprove { get; init; }
    public string? MaxLoanDays { get; init; }
}

public enum LendingOutcome { Done, Invalid, NotFound, Forbidden, Conflict }

/// <summary>What came of a lending action: the item or reservation when done, problems by field when invalid.</summary>
public sealed record LendingResult(LendingOutcome Outcome, LendingItem? Item, Reservation? Reservation, IReadOnlyDictionary<string, string[]> Errors, string? Problem)
{
    static readonly Dictionary<string, string[]> None = [];
    public static readonly LendingResult NotFound = new(LendingOutcome.NotFound, null, null, None, null);
    public static readonly LendingResult Forbidden = new(LendingOutcome.Forbidden, null, null, None, null);

    /// <summary>Not found for this person, with the reason they may read (an item no partnership shares with them).</summary>
    public static LendingResult Hidden(string problem) => new(LendingOutcome.NotFound, null, null, None, problem);
    public static LendingResult ForItem(LendingItem item) => new(LendingOutcome.Done, item, null, None, null);
    public static LendingResult ForReservation(Reservation r) => new(LendingOutcome.Done, null, r, None, null);
    public static LendingResult Invalid(Dictionary<string, string[]> errors) => new(LendingOutcome.Invalid, null, null, errors, null);
    public static LendingResult Conflict(string problem) => new(LendingOutcome.Conflict, null, null, None, problem);
}

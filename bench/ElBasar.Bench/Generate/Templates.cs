namespace ElBasar.Bench.Generate;

/// <summary>
/// Titles and sentences, keyed by "kind.mode.subject" (offer.loan.thing, demand.help.service...).
/// Slots are described on <see cref="Template"/>. Each list is drawn Zipf-like, first most often.
/// </summary>
static class Templates
{
    static string[] L(string items) => items.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static readonly Dictionary<string, string[]> Titles = new(StringComparer.Ordinal)
    {
        ["offer.sale.thing"] = L("""
            {n} {adj} à vendre|Vends {un n} {adj}|À vendre : {n} {adj}|{n} à petit prix|Vente {de ns} {adjs}|
            {n} à vendre {à commune}|Cède {un n} {adj}|{n} {adj}, prix solidaire|{ns} {adjs} à vendre par lot
            """),
        ["offer.rental.thing"] = L("""
            {n} à louer|Location {de n} à la journée|Loue {un n} {adj} {à commune}|{n} {adj} en location|
            Location {de n} pour vos événements|{n} à louer le week-end|Location {de ns} {adjs}|{n} à louer {time}
            """),
        ["offer.loan.thing"] = L("""
            {n} à prêter|Prêt {de n} entre structures|Nous prêtons {un n} {adj}|{n} {adj} {a:disponible} en prêt|
            Prêt gratuit {de n} {à commune}|{n} à emprunter|Prêt {de ns} pour vos événements|{n} {adj} à emprunter {time}
            """),
        ["offer.donation.thing"] = L("""
            {n} à donner|Don {de n}|Donne {un n} {adj}|{n} {adj} à donner {à commune}|{n} à récupérer gratuitement|
            Nous donnons {des n}|Don {de ns} {adjs} {à commune}|{n} à donner contre bons soins
            """),
        ["offer.barter.thing"] = L("""
            Échange {un n} contre {un n2}|Troc : {n} contre {n2}|{n} à échanger|{n} {adj} contre un coup de main|
            {n} à troquer {à commune}
            """),
        ["offer.pooling.thing"] = L("""
            {n} à mutualiser|Mutualisation {de n} entre associations|Partageons {un n} entre structures|
            {n} en commun {à commune}|{n} {adj} à partager|Achat groupé {de ns}
            """),
        ["demand.sale.thing"] = L("""
            Recherche {un n} d'occasion|Achète {un n} {adj}|Cherche {un n} à acheter|Achat {de n} d'occasion|
            Recherche {des n} {adjs}|Cherche {un n} {adj} à petit prix
            """),
        ["demand.rental.thing"] = L("""
            Recherche {un n} à louer|Cherche location {de n} pour {event}|Besoin de louer {un n} {time}|
            Location {de n} recherchée|Cherche {un n} {adj} à louer {à commune}
            """),
        ["demand.loan.thing"] = L("""
            Qui peut nous prêter {un n} ?|Recherche {un n} à emprunter|Besoin {de n} pour {event}|
            Cherchons prêt {de n} {time}|Emprunt {de n} pour {event}|Recherche {un n} {adj} en prêt|
            Besoin {de un n} {adj} {time}
            """),
        ["demand.donation.thing"] = L("""
            Recherche {un n} en don|Appel aux dons : {ns}|Vous n'utilisez plus {votre n} ?|Cherchons {des n} à récupérer|
            Collecte {de ns} pour {audience}|Recherche {un n} {adj}, même usagé
            """),
        ["demand.barter.thing"] = L("Cherche {un n} en échange {de un n2}|Troc : recherche {un n}|Échange contre {un n} {adj}"),
        ["demand.pooling.thing"] = L("""
            Qui veut mutualiser {un n} ?|Achat groupé {de n} entre structures|Cherchons partenaires pour partager {un n}|
            Mutualisation {de n} : qui est partant ?
            """),

        ["offer.rental.premises"] = L("""
            {n} à louer {à commune}|Location {de n} à l'heure ou à la journée|Loue {un n} {adj}|{n} {adj} à louer|
            {n} {adj} {a:disponible} {time}|{n} de {big} m² à louer
            """),
        ["offer.loan.premises"] = L("""
            {n} {a:mis/mise} à disposition gratuitement|Prêt {de n} aux associations|{n} {adj} à prêter {time}|
            Nous ouvrons {notre n} aux structures du réseau|{n} {adj} prêté aux associations {à commune}
            """),
        ["offer.pooling.premises"] = L("""
            {n} à partager {à commune}|Colocation {de n} entre associations|Partagez {notre n} {adj}|{n} en temps partagé
            """),
        ["demand.rental.premises"] = L("""
            Recherche {un n} à louer {à commune}|Cherche {un n} {adj} {time}|Besoin {de un n} pour {event}|
            Recherche {un n} d'environ {big} m²
            """),
        ["demand.loan.premises"] = L("""
            Recherche {un n} gratuit pour {event}|Qui peut nous accueillir pour {event} ?|Cherchons {un n} {time}|
            Besoin {de un n} prêté {time}
            """),
        ["demand.pooling.premises"] = L("""
            Cherchons structures pour partager {un n}|{n} à partager : recherche colocataires|Projet {de n} partagé {à commune}
            """),

        ["offer.sale.food"] = L("""
            Vente {de n} {adj}|{n} {adj} en vente directe|{n} {adj} {à commune}|{n} {adj} : commandez {time}|
            Vente {de ns} {adjs} aux associations
            """),
        ["offer.donation.food"] = L("""
            {n} à donner {time}|Don {de n} {adj}|{n} {adj} à récupérer|Surplus : {n} à donner|{n} à sauver du gaspillage
            """),
        ["demand.donation.food"] = L("""
            Recherche {des n} pour {audience}|Collecte {de n} pour {event}|Appel aux dons : {n}|Cherchons {des n} {adjs}
            """),
        ["demand.sale.food"] = L("""
            Cherche producteur {de n}|Achat {de n} {adj} pour {event}|Recherche fournisseur {de n} {adj}
            """),

        ["offer.service.service"] = L("""
            {n} pour les associations|{n} {adj}|Prestation {de n} {à commune}|{n} pour les structures de l'ESS|
            Intervention en {n}|{n} pour TPE et associations|{n} : devis gratuit|{n} {adj} {à commune}
            """),
        ["offer.skills.service"] = L("""
            Mécénat de compétences en {n}|{n} en mécénat de compétences|Nos salariés offrent du temps en {n}|
            Compétences en {n} à partager
            """),
        ["offer.help.service"] = L("""
            Coup de main en {n}|Bénévole disponible pour {le n}|Aide bénévole en {n}|Donne un coup de main pour {le n}
            """),
        ["offer.barter.service"] = L("Échange {n} contre {n2}|Troc de compétences : {n}|{n} contre {le n2}"),
        ["offer.pooling.service"] = L("{n} à mutualiser entre structures|Mutualisation {de n}|{n} {a:partagé/partagée} entre associations"),
        ["demand.service.service"] = L("""
            Recherche prestataire en {n}|Besoin {de n} pour {event}|Cherche intervenant en {n} {à commune}|
            Appel à devis : {n}|Recherche professionnel en {n}|{n} {adj} recherché
            """),
        ["demand.skills.service"] = L("""
            Recherche mécénat de compétences en {n}|Cherche expertise en {n}|Besoin d'un regard extérieur sur {le n}
            """),
        ["demand.help.service"] = L("""
            Besoin d'un coup de main en {n}|Bénévoles recherchés pour {le n}|Qui peut nous aider pour {le n} ?|
            Recherche bénévole en {n}
            """),
        ["demand.barter.service"] = L("Cherche {n} en échange {de le n2}|Troc : {n} contre {n2}"),
        ["demand.pooling.service"] = L("Qui veut mutualiser {le n} ?|Cherchons partenaires pour mutualiser {le n}"),

        ["offer.help.people"] = L("""
            Bénévoles disponibles pour {le n}|Notre équipe vient en renfort pour {le n}|Disponible pour {le n} {time}
            """),
        ["offer.service.people"] = L("Mise à disposition de personnel : {n}|{n} : personnel qualifié disponible"),
        ["demand.help.people"] = L("""
            Bénévoles recherchés pour {le n}|Recherche bénévoles : {n}|Appel à bénévoles pour {event}|
            Besoin de renfort pour {le n} {time}
            """),
        ["demand.service.people"] = L("Recherche personne pour {le n}|Poste à pourvoir : {n}|{n} : recherche renfort {time}"),
    };

    /// <summary>First sentence of a description, same keys as the titles.</summary>
    public static readonly Dictionary<string, string[]> Openings = new(StringComparer.Ordinal)
    {
        ["offer.sale.thing"] = L("""
            Nous vendons {un n} {adj}, {cond}.|{un n} {adj} que nous n'utilisons plus : nous {pron} vendons {cond}.|
            À vendre : {n} {adj}, {a:acheté/achetée} en {year}.|Suite au renouvellement de notre matériel, nous cédons {un n}.
            """),
        ["offer.rental.thing"] = L("""
            Nous louons {notre n} {time}, {cond}.|{notre n} {est} {a:disponible} à la location {time}.|
            Pour vos événements, louez {notre n} {adj}.
            """),
        ["offer.loan.thing"] = L("""
            Nous prêtons {notre n} aux structures du réseau, {cond}.|{notre n} {adj} dort dans {venue} : empruntez-{pron} !|
            Besoin {de un n} pour {event} ? Nous {pron} prêtons {cond}.|Nous avons {un n} {adj} qui ne sert pas tous les jours.
            """),
        ["offer.donation.thing"] = L("""
            Nous donnons {un n} {adj}, {cond}.|Suite à un déménagement, nous nous séparons {de notre n}.|
            {un n} {adj} cherche une seconde vie !|Plutôt que de jeter {notre n}, nous préférons {pron} donner.
            """),
        ["offer.barter.thing"] = L("""
            Nous échangeons {notre n} contre {un n2} ou autre chose d'utile.|Troc possible : {notre n} contre du matériel ou un service.
            """),
        ["offer.pooling.thing"] = L("""
            Nous proposons de partager {notre n} entre plusieurs structures {à commune}.|Plutôt que d'acheter chacun {un n}, mutualisons !|
            Nous avons acheté {un n} {adj} et nous {pron} partageons volontiers.
            """),
        ["demand.sale.thing"] = L("""
            Nous souhaitons acheter {un n} {adj}, d'occasion de préférence.|Notre association cherche {un n} à acheter pour {event}.
            """),
        ["demand.rental.thing"] = L("""
            Nous cherchons à louer {un n} {adj} {time}.|Pour {event}, nous devons louer {un n}.
            """),
        ["demand.loan.thing"] = L("""
            Nous aurions besoin d'emprunter {un n} {time}.|Pour {event}, il nous manque {un n} : qui peut nous {pron} prêter ?|
            Nous recherchons {un n} {adj} pour {event}.|Pour {event}, nous avons besoin {de un n} {time}.
            """),
        ["demand.donation.thing"] = L("""
            Vous avez {un n} qui ne sert plus ? Nous sommes preneurs.|Nous recherchons {des n} pour {audience}.|
            Notre association collecte {des n} pour {audience}.
            """),
        ["demand.barter.thing"] = L("Nous proposons {un n2} en échange {de un n}.|Nous cherchons {un n} et pouvons offrir un coup de main en échange."),
        ["demand.pooling.thing"] = L("""
            Nous aimerions acheter {un n} à plusieurs, avec d'autres structures proches.|Qui serait partant pour partager {un n} {where} ?
            """),

        ["offer.rental.premises"] = L("""
            {notre n} {adj} {est} à louer {time}, {cond}.|Nous louons {notre n} de {big} m² {where}.|
            {notre n} accueille vos réunions, formations et événements {time}.
            """),
        ["offer.loan.premises"] = L("""
            Nous mettons {notre n} à disposition des associations {time}.|{notre n} {est} libre {time} : profitez-en !
            """),
        ["offer.pooling.premises"] = L("""
            Nous cherchons des structures pour partager {notre n} {where}.|{notre n} {est} trop {a:grand/grande} pour nous seuls : partageons-{pron} !
            """),
        ["demand.rental.premises"] = L("""
            Nous recherchons {un n} d'environ {big} m² {where}.|Notre association s'agrandit et cherche {un n} {time}.
            """),
        ["demand.loan.premises"] = L("""
            Nous cherchons {un n} pour accueillir {event} {time}.|Pour {event}, nous avons besoin {de un n} {where}.
            """),
        ["demand.pooling.premises"] = L("""
            Nous voulons partager {un n} avec d'autres associations {where}.|Plusieurs structures cherchent ensemble {un n} {where}.
            """),

        ["offer.sale.food"] = L("""
            Nous vendons {des n} {adjs} {where}.|{le n} {adj} de notre production, {cond}.|Nos {ns} sont en vente directe {time}.
            """),
        ["offer.donation.food"] = L("""
            Chaque semaine, il nous reste {des n} à donner.|Nous avons {des n} {adjs} à donner {time}.|
            Plutôt que de jeter, nous donnons {des n} {time}.
            """),
        ["offer.barter.food"] = L("Nous échangeons {des n} contre {des n2}.|Troc {de ns} contre un coup de main au jardin."),
        ["offer.pooling.food"] = L("Nous organisons des commandes groupées {de ns} {adjs}.|Mutualisons nos achats {de ns} {where}."),
        ["demand.sale.food"] = L("Nous cherchons un fournisseur {de ns} {adjs} {where}.|Pour {event}, nous achetons {des n} {adjs}."),
        ["demand.donation.food"] = L("Nous cherchons {des n} pour {audience}.|Pour {event}, nous collectons {des n}."),
        ["demand.barter.food"] = L("Nous cherchons {des n} et proposons {des n2} en échange."),
        ["demand.pooling.food"] = L("Qui veut grouper ses achats {de ns} {where} ?"),

        ["offer.service.service"] = L("""
            Nous proposons {le n} aux structures du réseau {where} et alentour.|Notre équipe intervient en {n} depuis {year}.|
            Besoin {de n} ? Nous vous accompagnons {time}.|Nous faisons {de le n} pour {audience} {cond}.
            """),
        ["offer.skills.service"] = L("""
            Nos salariés peuvent consacrer {dur} {à le n} de votre structure.|Dans le cadre du mécénat de compétences, nous offrons du temps en {n}.
            """),
        ["offer.help.service"] = L("""
            Bénévole, je peux donner un coup de main en {n} {time}.|Nous avons du temps pour aider en {n}.|
            Retraité, j'ai fait {de le n} toute ma carrière et je peux aider.
            """),
        ["offer.barter.service"] = L("Nous proposons {le n} en échange {de le n2}.|Troc de compétences : notre savoir-faire en {n} contre le vôtre."),
        ["offer.pooling.service"] = L("Plusieurs structures pourraient partager {le n} : nous lançons l'idée.|Mutualisons {le n} entre associations {where}."),
        ["demand.service.service"] = L("""
            Nous recherchons un prestataire en {n} pour {event}.|Nous avons besoin d'aide pour {le n} {time}.|
            Notre structure cherche un accompagnement en {n}.
            """),
        ["demand.skills.service"] = L("""
            Nous cherchons une personne compétente en {n} pour nous accompagner {time}.|Un mécénat de compétences en {n} nous aiderait beaucoup.
            """),
        ["demand.help.service"] = L("""
            Nous cherchons des bénévoles pour {le n} {time}.|Un coup de main en {n} serait le bienvenu {time}.
            """),
        ["demand.barter.service"] = L("Nous proposons {le n2} en échange {de le n}."),
        ["demand.pooling.service"] = L("Nous aimerions mutualiser {le n} avec d'autres structures {where}."),

        ["offer.help.people"] = L("Notre équipe de bénévoles peut venir en renfort pour {le n} {time}.|Nous avons des volontaires disponibles pour {le n}."),
        ["demand.help.people"] = L("""
            Nous cherchons des bénévoles pour {le n} {time}.|Pour {event}, nous avons besoin de bras pour {le n}.|
            Nous manquons de monde pour {le n} {time}.
            """),
    };

    /// <summary>Middle sentences, by "kind.subject"; "any" is for every listing.</summary>
    public static readonly Dictionary<string, string[]> Body = new(StringComparer.Ordinal)
    {
        ["offer.thing"] = L("""
            Dimensions : {num} x {num} m.|Structure en {mat}, coloris {colour}.|{a:Livré/Livrée} avec {acc} et {acc}.|
            {il} {est} {adj}.|Idéal pour {event} ou {event}.|Montage en {num} minutes, à deux personnes.|Poids : {num} kg.|
            À récupérer {à venue} {where}.|Nous pouvons {pron} livrer dans un rayon de {km} km.|Une caution de {big} € est demandée.|
            Prévoir un véhicule adapté pour le transport.|{a:Acheté/Achetée} en {year}, très peu {a:servi/servie}.|
            Photos sur demande.|{a:Disponible} {time}.|Nous {pron} prêtons volontiers {à audience}.|
            Nous pouvons montrer comment {pron} utiliser.|Nous avons aussi {un n2} si besoin.|Couleur : {colour}.|
            {il} {ont} servi pour {event} et {est} encore {adj}.|Le matériel est vérifié avant chaque départ.|
            Matière : {mat}.|Quelques traces d'usage, mais rien de grave.|Notice et accessoires fournis.
            """),
        ["demand.thing"] = L("""
            Un modèle {adj} ferait l'affaire.|Nous pouvons venir {pron} chercher {where}.|Nous pouvons participer aux frais de transport.|
            Nous en aurions besoin {time}, pour {dur}.|Nous {pron} rendrons {a:propre} et en bon état.|
            Même {a:abîmé/abîmée}, cela peut nous être utile : nous savons réparer.|
            Budget limité, mais nous pouvons rendre service en échange.|Si vous avez aussi {un n2}, nous sommes preneurs.|
            Nous l'utiliserons pour {event} avec {audience}.|Nous pouvons assurer le matériel pendant le prêt.
            """),
        ["offer.premises"] = L("""
            Surface : {big} m², capacité de {big} personnes.|Accès PMR, {cond}.|Wifi, vidéoprojecteur et cuisine à disposition.|
            Tarif à l'heure, à la demi-journée ou à la journée.|{il} {est} {a:situé/située} à {num} minutes à pied de la gare.|
            Ménage à faire en partant.|Ouvert {time}, de {hour} à {hour}.|Parking gratuit à proximité.|
            Idéal pour {event}, réunions ou formations.|Clés à récupérer {à venue}.|Chauffage et électricité compris.|
            Tables et chaises pour {big} personnes.|Accès en transports en commun, arrêt à deux pas.
            """),
        ["demand.premises"] = L("""
            Nous avons besoin d'environ {big} m² pour {num} personnes.|Idéalement {where}, accessible en transports en commun.|
            Un espace de stockage serait un plus.|Nous pouvons payer un loyer modeste ou participer aux charges.|
            Pour {dur}, {time}.|Nous sommes {num} salariés et autant de bénévoles.
            """),
        ["offer.food"] = L("""
            Récolte du jour, à venir chercher {à venue}.|Quantités : environ {big} kg.|À consommer rapidement.|
            Nous travaillons avec des producteurs {de commune} et des environs.|Retrait possible {time}, de {hour} à {hour}.|
            Chaîne du froid respectée, véhicule réfrigéré disponible.|Idéal pour les épiceries solidaires et les restaurants d'insertion.|
            Commande minimum de {num} kg.|Prix dégressifs pour les associations.|Cultivé sans pesticides {where}.
            """),
        ["demand.food"] = L("""
            Nous préparons {big} repas par semaine pour {audience}.|Nous pouvons venir chercher la marchandise {time}.|
            Nous disposons d'une chambre froide.|Toutes les quantités nous intéressent.|Livraison {à venue} appréciée.
            """),
        ["offer.service"] = L("""
            Nous intervenons sur toute la région, {cond}.|Premier rendez-vous gratuit.|Devis sur demande, tarif adapté aux petites structures.|
            Nous avons accompagné {big} structures depuis {year}.|Nous travaillons {time}, en présentiel ou à distance.|
            Intervention possible {à venue} ou dans vos locaux.|Nous pouvons aussi {v} et {v}.|Une intervention dure en général {dur}.|
            Interventions {where} et dans un rayon de {km} km.|Nous sommes spécialisés dans {theme}.|
            Références sur demande.|Nos tarifs tiennent compte de la taille de votre structure.
            """),
        ["demand.service"] = L("""
            Le projet doit démarrer {time}.|Nous avons un petit budget, {cond}.|La mission durerait {dur}.|
            Nous cherchons quelqu'un qui connaît bien {theme}.|Rendez-vous possible {à venue} {where}.|
            Idéalement, la personne pourrait aussi nous aider à {v}.|Nous sommes une petite équipe de {num} personnes.
            """),
        ["offer.people"] = L("Nos bénévoles sont formés et assurés.|Nous pouvons venir à {num} ou {num} personnes.|Contactez-nous quelques jours avant."),
        ["demand.people"] = L("""
            Pas besoin d'expérience, nous formons sur place.|Un repas est offert aux bénévoles.|Missions de {dur}, {time}.|
            Nous cherchons {num} personnes.|Ambiance conviviale garantie !
            """),
        ["any"] = L("""
            Notre association agit pour {theme} {where}.|Nous accueillons {audience} {time}.|Contactez-nous par la messagerie du site.|
            Plus d'informations sur demande.|N'hésitez pas à nous écrire, nous répondons vite.|Nous sommes membres du réseau depuis {year}.|
            Ce projet s'inscrit dans notre engagement pour {theme}.|L'idée est {de v} ensemble plutôt que chacun dans son coin.|
            Vous pouvez passer nous voir {à venue} {time}.|Nous travaillons déjà avec {audience} et {audience}.|
            C'est aussi l'occasion {de v} et {de v}.|Merci de relayer !|Une petite visite est possible avant.|
            Contact : {first}, au {phone}.|Demandez {first}.|Nous pouvons nous arranger sur les dates.|
            Prochaine date : le {day} {date} {month}.|Le tout {where}.|Nous voulons {v} et {v} autrement.|
            Cela nous permettrait {de v} {audience}.|Nous cherchons aussi à {v} {time}.|Ouvert {time}.
            """),
    };

    public static readonly string[] Closings = L("""
        Merci !|À bientôt !|Merci d'avance.|Contact par la messagerie.|Contactez {first} pour en parler.|
        Écrivez-nous, on en discute.|Premier arrivé, premier servi.|Réponse sous 48 h.|Au plaisir de vous rencontrer.|
        Bonne journée à tous !|Merci pour votre aide.|On compte sur vous !
        """);

    public static readonly string[] OrganizationSentences = L("""
        Nous sommes installés {where} depuis {year}.|Notre association agit pour {theme} et {theme}.|
        Nous accueillons {audience} {time}.|Nous travaillons avec {audience} et {audience}.|Nos locaux se trouvent {à venue}.|
        Nos activités : {activity}, {activity} et {activity}.|Membres du réseau depuis {year}, nous partageons volontiers notre matériel.|
        Venez nous rencontrer {time} !|Nous voulons {v} et {v} autrement.|Notre équipe s'appuie sur de nombreux bénévoles.|
        Nous proposons aussi {de theme} pour {audience}.|Notre projet est né en {year} de la volonté {de v} ensemble.|
        Nous intervenons {where} et dans les communes voisines.|Nous animons {event} chaque année.
        """);
}

package jp.nurture.leads.core.lead;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.nurture.leads.core.activity.ActivityLog;
import jp.nurture.leads.core.activity.ActivityType;
import jp.nurture.leads.core.activity.NewActivity;
import jp.nurture.leads.core.audit.AuditAction;
import jp.nurture.leads.core.audit.AuditLog;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.JapaneseText;
import jp.nurture.leads.core.party.People;
import jp.nurture.leads.core.party.Person;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The use cases inside sales performs on a lead: open it, read it, edit it, move it through the stages. */
@Service
@Transactional(readOnly = true)
public class LeadService {

    private static final int TIMELINE_LENGTH = 200;

    private final Leads leads;
    private final AuditLog audit;
    private final People people;
    private final Companies companies;
    private final LeadQueries queries;
    private final ActivityLog activities;
    private final Clock clock;

    LeadService(Leads leads, People people, Companies companies, LeadQueries queries, ActivityLog activities,
            Clock clock, AuditLog audit) {
        this.audit = audit;
        this.leads = leads;
        this.people = people;
        this.companies = companies;
        this.queries = queries;
        this.activities = activities;
        this.clock = clock;
    }

    /** The lead, if it exists and the scope allows its product. */
    public Lead get(Long leadId, ProductScope scope) {
        return leads.findById(leadId).filter(l -> scope.allows(l.getProductId()))
                .orElseThrow(() -> new LeadNotFound(leadId));
    }

    /** The lead page: the person behind the lead with every product lead of theirs the scope allows. */
    public LeadDossier dossier(Long leadId, ProductScope scope) {
        Lead lead = get(leadId, scope);
        Person person = people.findById(lead.getPersonId()).orElseThrow(() -> new LeadNotFound(leadId));
        List<Long> visible = leads.findByPersonIdOrderByProductId(person.getId()).stream()
                .filter(l -> scope.allows(l.getProductId())).map(Lead::getId).toList();
        List<LeadRow> rows = visible.stream().map(queries::row).toList();
        return new LeadDossier(lead, person,
                person.getCompanyId() == null ? null : companies.findById(person.getCompanyId()).orElse(null),
                rows, activities.timeline(visible, TIMELINE_LENGTH));
    }

    /** Opens a lead for a person and product, or returns the one that exists; records LEAD_CREATED once. */
    @Transactional
    public Lead open(Long personId, Long productId, Channel channel, String sourceDetail, Long ownerId,
            Long actorId) {
        return leads.findByPersonIdAndProductId(personId, productId).orElseGet(() -> {
            Lead lead = new Lead(personId, productId, channel, sourceDetail);
            lead.assignTo(ownerId);
            leads.save(lead);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("channel", channel.name());
            if (sourceDetail != null) {
                detail.put("source", sourceDetail);
            }
            activities.record(new NewActivity(lead.getId(), productId, ActivityType.LEAD_CREATED,
                    clock.instant(), actorId, detail));
            return lead;
        });
    }

    /**
     * Moves a lead to another stage, if nobody changed it since {@code expectedVersion} and the stage rules
     * allow it; records the change on the timeline and publishes {@link LeadStageChanged} after commit.
     */
    @Transactional
    public LeadStageChanged moveStage(Long leadId, long expectedVersion, Stage target, String reason, Long actorId,
            ProductScope scope) {
        Lead lead = get(leadId, scope);
        requireVersion(lead, expectedVersion);
        LeadStageChanged change = lead.moveTo(target, reason, actorId, clock.instant());
        leads.save(lead);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", change.from().name());
        detail.put("to", change.to().name());
        if (change.reason() != null) {
            detail.put("reason", change.reason());
        }
        activities.record(new NewActivity(lead.getId(), lead.getProductId(), ActivityType.STAGE_CHANGED,
                change.occurredAt(), actorId, detail));
        audit.record(AuditAction.STAGE_CHANGED, "LEAD", lead.getId(), lead.getProductId(),
                Map.of("from", change.from().name(), "to", change.to().name()), actorId);
        return change;
    }

    /** Saves inside sales' edit of the lead and its person; an edit based on an old version is refused. */
    @Transactional
    public Lead edit(Long leadId, LeadEdit edit, Long actorId, ProductScope scope) {
        Lead lead = leads.findForUpdateById(leadId).filter(l -> scope.allows(l.getProductId()))
                .orElseThrow(() -> new LeadNotFound(leadId));
        requireVersion(lead, edit.version());
        Person person = people.findById(lead.getPersonId()).orElseThrow(() -> new LeadNotFound(leadId));
        String email = JapaneseText.email(edit.email());
        if (email != null && !email.equals(person.getEmail())) {
            people.findByEmail(email).filter(other -> !other.getId().equals(person.getId())).ifPresent(other -> {
                throw new DuplicateEmail(email);
            });
        }
        person.rename(edit.fullName(), edit.kana());
        person.changeEmail(email);
        person.changeContact(edit.phone(), edit.department(), edit.jobTitle(), edit.titleLevel());
        Bant before = lead.getBant();
        lead.recordBant(edit.bant());
        lead.describeInterest(edit.plannedAdoptionDate(), edit.expectedUsers(), edit.placeOfUse());
        Long ownerBefore = lead.getOwnerId();
        lead.assignTo(edit.ownerId());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bantAnswered", lead.getBant().answered());
        if (!Objects.equals(before, lead.getBant())) {
            detail.put("bantChanged", true);
        }
        if (!Objects.equals(ownerBefore, lead.getOwnerId())) {
            detail.put("ownerChanged", true);
            Map<String, Object> owners = new LinkedHashMap<>();
            owners.put("from", ownerBefore);
            owners.put("to", lead.getOwnerId());
            audit.record(AuditAction.OWNER_CHANGED, "LEAD", lead.getId(), lead.getProductId(), owners, actorId);
        }
        activities.record(new NewActivity(lead.getId(), lead.getProductId(), ActivityType.DETAILS_CHANGED,
                clock.instant(), actorId, detail));
        return lead;
    }

    private static void requireVersion(Lead lead, long expectedVersion) {
        if (lead.getVersion() != expectedVersion) {
            throw new ConcurrentLeadChange(lead.getId());
        }
    }
}

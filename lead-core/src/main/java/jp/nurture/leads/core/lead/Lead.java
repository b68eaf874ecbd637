package jp.nurture.leads.core.lead;

import static jp.nurture.leads.core.lead.InvalidStageTransition.Reason.BACKWARD_MOVE;
import static jp.nurture.leads.core.lead.InvalidStageTransition.Reason.NOT_ACTIVE;
import static jp.nurture.leads.core.lead.InvalidStageTransition.Reason.REASON_REQUIRED;
import static jp.nurture.leads.core.lead.InvalidStageTransition.Reason.RETURN_TARGET;
import static jp.nurture.leads.core.lead.InvalidStageTransition.Reason.SAME_STAGE;
import static jp.nurture.leads.core.lead.InvalidStageTransition.Reason.TERMINAL;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * One person's interest in one product. The same person may be a lead for several products at once, each with
 * its own stage, owner, BANT and score. Stage changes go only through {@link #moveTo}, which refuses what the
 * process does not allow and registers a {@link LeadStageChanged} event.
 */
@Entity
@Table(name = "lead")
public class Lead extends AbstractAggregateRoot<Lead> {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "person_id", updatable = false)
    private Long personId;

    @Column(name = "product_id", updatable = false)
    private Long productId;

    @Enumerated(EnumType.STRING)
    private Stage stage = Stage.NEW_LEAD;

    @Column(name = "stage_changed_at")
    private Instant stageChangedAt = Instant.now();

    @Column(name = "stage_reason")
    private String stageReason;

    @Column(name = "owner_id")
    private Long ownerId;

    @Embedded
    private Bant bant = Bant.unknown();

    @Column(name = "planned_adoption_date")
    private LocalDate plannedAdoptionDate;

    @Column(name = "expected_users")
    private Integer expectedUsers;

    @Column(name = "place_of_use")
    private String placeOfUse;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_channel", updatable = false)
    private Channel sourceChannel;

    @Column(name = "source_detail", updatable = false)
    private String sourceDetail;

    private boolean hot;

    @Column(name = "fit_score")
    private int fitScore;

    @Column(name = "engagement_score")
    private int engagementScore;

    private int score;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "updated_at")
    private Instant updatedAt = Instant.now();

    @Version
    private long version;

    protected Lead() {
    }

    /** A new lead for a product, remembering the channel and form or event it came through. */
    public Lead(Long personId, Long productId, Channel sourceChannel, String sourceDetail) {
        this.personId = Objects.requireNonNull(personId, "personId");
        this.productId = Objects.requireNonNull(productId, "productId");
        this.sourceChannel = Objects.requireNonNull(sourceChannel, "sourceChannel");
        this.sourceDetail = sourceDetail;
    }

    /**
     * Moves the lead to another stage. Allowed: any forward move among the board's stages; CONVERTED back to
     * WORKING_UNTOUCHED or WORKING_CONNECTED with a reason (field sales returned it); any active stage to
     * DORMANT or DISQUALIFIED with a reason; DORMANT back to NEW_LEAD when re-nurtured.
     *
     * @throws InvalidStageTransition when the move is not allowed
     */
    public LeadStageChanged moveTo(Stage target, String reason, Long actorId, Instant now) {
        Objects.requireNonNull(target, "target");
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        check(target, why);
        Stage from = stage;
        stage = target;
        stageChangedAt = now;
        stageReason = why;
        LeadStageChanged event = new LeadStageChanged(id, productId, from, target, why, actorId, now);
        registerEvent(event);
        return event;
    }

    private void check(Stage target, String why) {
        if (target == stage) {
            throw refused(target, SAME_STAGE);
        }
        if (stage == Stage.DISQUALIFIED) {
            throw refused(target, TERMINAL);
        }
        if (stage == Stage.DORMANT) {
            if (target != Stage.NEW_LEAD) {
                throw refused(target, NOT_ACTIVE);
            }
            return;
        }
        if (target.isParked()) {
            if (!stage.isActive()) {
                throw refused(target, NOT_ACTIVE);
            }
            requireReason(target, why);
            return;
        }
        if (stage == Stage.CONVERTED) {
            if (!target.acceptsReturn()) {
                throw refused(target, RETURN_TARGET);
            }
            requireReason(target, why);
            return;
        }
        if (target.step() <= stage.step()) {
            throw refused(target, BACKWARD_MOVE);
        }
    }

    private void requireReason(Stage target, String why) {
        if (why == null) {
            throw refused(target, REASON_REQUIRED);
        }
    }

    private InvalidStageTransition refused(Stage target, InvalidStageTransition.Reason reason) {
        return new InvalidStageTransition(stage, target, reason);
    }

    /** Whether {@link #moveTo} would accept this target (with a reason where one is needed). */
    public boolean canMoveTo(Stage target) {
        try {
            check(target, "?");
            return true;
        } catch (InvalidStageTransition e) {
            return false;
        }
    }

    public void recordBant(Bant bant) {
        this.bant = bant == null ? Bant.unknown() : bant;
    }

    public void describeInterest(LocalDate plannedAdoptionDate, Integer expectedUsers, String placeOfUse) {
        this.plannedAdoptionDate = plannedAdoptionDate;
        this.expectedUsers = expectedUsers;
        this.placeOfUse = placeOfUse == null || placeOfUse.isBlank() ? null : placeOfUse.strip();
    }

    /** Gives the lead to an inside-sales (or, after hand-off, field-sales) owner. */
    public void assignTo(Long ownerId) {
        this.ownerId = ownerId;
    }

    /** Stores the scores lead-scoring computed; the total is always fit plus engagement. */
    public void rescore(int fitScore, int engagementScore, boolean hot) {
        this.fitScore = fitScore;
        this.engagementScore = engagementScore;
        this.score = fitScore + engagementScore;
        this.hot = hot;
    }

    @PreUpdate
    void touch() {
        updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getPersonId() {
        return personId;
    }

    public Long getProductId() {
        return productId;
    }

    public Stage getStage() {
        return stage;
    }

    public Instant getStageChangedAt() {
        return stageChangedAt;
    }

    public String getStageReason() {
        return stageReason;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public Bant getBant() {
        return bant == null ? Bant.unknown() : bant;
    }

    public LocalDate getPlannedAdoptionDate() {
        return plannedAdoptionDate;
    }

    public Integer getExpectedUsers() {
        return expectedUsers;
    }

    public String getPlaceOfUse() {
        return placeOfUse;
    }

    public Channel getSourceChannel() {
        return sourceChannel;
    }

    public String getSourceDetail() {
        return sourceDetail;
    }

    public boolean isHot() {
        return hot;
    }

    public int getFitScore() {
        return fitScore;
    }

    public int getEngagementScore() {
        return engagementScore;
    }

    public int getScore() {
        return score;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }
}

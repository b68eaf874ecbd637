/**
 * The scoring engine: models stored as rows, one SQL statement that scores a set of leads (one lead after an
 * activity, or every lead of a product after a model change), and the queue that makes scoring event-driven.
 */
package jp.nurture.leads.scoring.engine;

/**
 * The marketer's scoring pages (each product's model, its versions and calibration) and the score explanation
 * and next action shown on the lead page and the stage board.
 */
package jp.nurture.leads.web.scoring;

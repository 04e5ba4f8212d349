package audit

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/i18n"
	"github.com/gongkai/gongkai/models"
)

// AuditAnchor is one entry of the audit chain, its sequence number and
// hash, written down outside the database (gongkai audit anchor, a
// backup's manifest). The chain is unkeyed SHA-256, so whoever can write
// the database can recompute all of it; an anchor kept elsewhere shows
// such a rewrite of every entry up to the anchor. It proves nothing about
// entries after it.
type AuditAnchor struct {
	Seq  int64
	Hash string
}

// String is the anchor as the operator keeps it: SEQ:HASH.
func (a AuditAnchor) String() string { return fmt.Sprintf("%d:%s", a.Seq, a.Hash) }

var anchorPattern = regexp.MustCompile(`^([0-9]{1,18}):([0-9a-f]{64})$`)

// ParseAuditAnchor reads SEQ:HASH as gongkai audit anchor prints it.
func ParseAuditAnchor(s string) (AuditAnchor, error) {
	m := anchorPattern.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return AuditAnchor{}, models.Invalid("anchor", "audit.anchor.bad")
	}
	seq, _ := strconv.ParseInt(m[1], 10, 64)
	return AuditAnchor{Seq: seq, Hash: m[2]}, nil
}

// AuditHeadAnchor is the chain's head as an anchor; an empty log (seq 0)
// has none worth keeping, but it is returned all the same.
func (s *Store) AuditHeadAnchor(ctx context.Context) (AuditAnchor, error) {
	var head models.AuditHead
	if err := s.DB.WithContext(ctx).First(&head, 1).Error; err != nil {
		return AuditAnchor{}, fmt.Errorf("read the audit chain's head: %w", err)
	}
	return AuditAnchor{Seq: head.Seq, Hash: head.Hash}, nil
}

// VerifyAuditAnchor checks the whole chain (VerifyAudit) and that the
// entry at the anchor's place still carries the anchor's hash: a chain
// rewritten and recomputed before that entry, or cut off before it, fails.
func (s *Store) VerifyAuditAnchor(ctx context.Context, a AuditAnchor) (models.ChainState, error) {
	st, err := s.VerifyAudit(ctx)
	if err != nil || !st.OK || a.Seq == 0 {
		return st, err
	}
	if a.Seq > st.HeadSeq {
		st.OK = false
		st.SetProblem(0, "audit.problem.anchor_gone", a.Seq, st.HeadSeq)
		return st, nil
	}
	var e models.AuditEntry
	if err := s.DB.WithContext(ctx).Where("seq = ?", a.Seq).First(&e).Error; err != nil {
		return st, fmt.Errorf("read audit entry %d: %w", a.Seq, err)
	}
	if e.Hash != a.Hash {
		st.OK = false
		st.SetProblem(e.ID, "audit.problem.anchor", a.Seq)
	}
	return st, nil
}

// ChainError is a broken chain as an error, worded from the catalog: Key
// is the sentence that names whose chain it is (audit.chain.bad when
// empty), its argument the problem found.
type ChainError struct {
	Key   string
	State models.ChainState
}

func (e *ChainError) Error() string { return e.In(i18n.Chinese) }

// In words the error in lang.
func (e *ChainError) In(lang i18n.Lang) string {
	key := e.Key
	if key == "" {
		key = "audit.chain.bad"
	}
	return i18n.T(lang, key, i18n.T(lang, e.State.Problem, e.State.Args...))
}

// Worded is an error with a sentence in the catalog: a refusal
// (ValidationError) or a broken chain.
func Worded(err error, lang i18n.Lang) (string, bool) {
	var ve *models.ValidationError
	if errors.As(err, &ve) && ve.Key != "" {
		return i18n.T(lang, ve.Key, ve.Args...), true
	}
	var ce *ChainError
	if errors.As(err, &ce) {
		return ce.In(lang), true
	}
	return "", false
}

package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Channels lists the office's channels of a use (ChannelPublication or
// ChannelRequest), in the order they were added. Channels are no secret:
// the import templates offer them to everyone.
func (s *Store) Channels(ctx context.Context, use string) ([]Channel, error) {
	var out []Channel
	if err := s.DB.WithContext(ctx).Where("kind = ?", use).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list channels: %w", err)
	}
	return out, nil
}

// AddChannel adds a channel to the office's list, audit-logged.
func (s *Store) AddChannel(ctx context.Context, v Viewer, use, name string) error {
	if !v.IsOffice() {
		return ErrForbidden
	}
	name = strings.TrimSpace(name)
	limit := map[string]int{ChannelPublication: 32, ChannelRequest: 16}[use]
	switch {
	case limit == 0:
		return Invalid("kind", "refuse.channel.kind")
	case name == "":
		return Invalid("name", "refuse.channel.name")
	case utf8.RuneCountInString(name) > limit:
		return Invalid("name", "refuse.channel.name_long", limit)
	case strings.ContainsAny(name, "、,，;；"):
		return Invalid("name", "refuse.channel.name_marks")
	}
	return s.Audited(ctx, v, func(tx *Tx) error {
		var n int64
		if err := tx.DB.Model(&Channel{}).Where("kind = ? AND name = ?", use, name).Count(&n).Error; err != nil {
			return fmt.Errorf("check channel: %w", err)
		}
		if n > 0 {
			return Invalid("name", "refuse.channel.listed", name)
		}
		c := Channel{Kind: use, Name: name, CreatedAt: time.Now().UTC()}
		if err := tx.DB.Create(&c).Error; err != nil {
			return fmt.Errorf("add channel: %w", err)
		}
		return tx.Record("create", "channel", c.ID, nil, c)
	})
}

// DeleteChannel removes a channel from the list, audit-logged; records that
// name it keep their text, and imports refuse it from now on.
func (s *Store) DeleteChannel(ctx context.Context, v Viewer, id uint) error {
	if !v.IsOffice() {
		return ErrForbidden
	}
	return s.Audited(ctx, v, func(tx *Tx) error {
		var c Channel
		if err := tx.DB.First(&c, id).Error; err != nil {
			return NotFound(err, "read channel")
		}
		if err := tx.DB.Delete(&c).Error; err != nil {
			return fmt.Errorf("delete channel: %w", err)
		}
		return tx.Record("delete", "channel", c.ID, c, nil)
	})
}

// RequestCategories reads the office's categorisations of the given
// requests, by request id.
func (s *Store) RequestCategories(ctx context.Context, ids []uint) (map[uint]RequestCategory, error) {
	out := make(map[uint]RequestCategory)
	for chunk := range slices.Chunk(ids, 500) {
		var rows []RequestCategory
		if err := s.DB.WithContext(ctx).Where("request_id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("read request categories: %w", err)
		}
		for _, r := range rows {
			out[r.RequestID] = r
		}
	}
	return out, nil
}

// Channel uses: what a channel is a channel of.
const (
	ChannelPublication = "publication" // 公开形式
	ChannelRequest     = "request"     // 申请方式
)

// Channel is a channel the office accepts: a 公开形式 of publications or a
// 申请方式 of requests. The office manages the list; imports check against
// it (publications also accept the channels their catalog item names).
type Channel struct {
	ID        uint   `gorm:"primaryKey"`
	Kind      string `gorm:"size:16;not null;uniqueIndex:uk_channel,priority:1"`
	Name      string `gorm:"size:32;not null;uniqueIndex:uk_channel,priority:2"`
	CreatedAt time.Time
}

// RequestCategory is the office's categorisation of a request whose record
// does not give its national categories (an old-vocabulary answer, no
// applicant type). It is kept apart from the record, so that importing the
// record again does not undo it; the record's own categories win.
type RequestCategory struct {
	ID        uint      `gorm:"primaryKey"`
	RequestID uint      `gorm:"not null;uniqueIndex:uk_request_category"`
	Applicant string    `gorm:"size:16"`
	Result    string    `gorm:"size:64"`
	UpdatedBy string    `gorm:"size:64;not null"`
	UpdatedAt time.Time `gorm:"not null"`
}

// DefaultPublicationChannels are the 公开形式 of FORMATS.md and
// 政府门户网站 (seed 001), the list the office starts from.
var DefaultPublicationChannels = []string{"网站", "政府门户网站", "公开栏", "微博", "微信", "报刊", "电台", "电视台", "新闻发布", "短信", "政府公报",
	"当场告知", "书面通知", "书面送达", "书面呈", "文件", "会议", "内部公开栏", "内部网站"}

// DefaultRequestChannels are the 申请方式 of DOMAIN.md and 电话 (seed 004
// art. 19(三)), the list the office starts from.
var DefaultRequestChannels = []string{"当面", "传真", "网络", "信函", "电话"}

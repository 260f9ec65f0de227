package nd30

import "strings"

// Signature is one signature block (Quyền hạn, chức vụ của người ký; họ
// tên): Authority is the line of who the signer acts for ("TM. ỦY BAN
// NHÂN DÂN", "KT. CHỦ TỊCH"; "" when they sign in their own name), Title
// the signer's position in capitals, Note an italic line under it for
// tables signed by their maker ("(Ký, ghi rõ họ tên)"), Name the signer's
// full name from the data, bold, under the room left for the signature.
type Signature struct {
	Authority string
	Title     string
	Note      string
	Name      string
}

// Head returns the bold lines above the room for the signature:
// Authority (when there is one), then Title.
func (s Signature) Head() []string {
	if s.Authority == "" {
		return []string{s.Title}
	}
	return []string{s.Authority, s.Title}
}

// Signature titles and the words around them.
const (
	OnBehalfCommittee = "TM. " + CommitteeBody // on behalf of the People's Committee (collective body)
	ForChairman       = "KT. CHỦ TỊCH"         // a vice-chairman signing for the chairman
	Chairman          = "CHỦ TỊCH"
	ViceChairman      = "PHÓ CHỦ TỊCH"
	Preparer          = "NGƯỜI LẬP BIỂU"
	CouncilChair      = "CHỦ TỊCH HỘI ĐỒNG"
	CouncilSecretary  = "THƯ KÝ HỘI ĐỒNG"
	SignNote          = "(Ký, ghi rõ họ tên)"
)

// CommitteeChairman is the block of the ward's chairman signing for the
// People's Committee (TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH): the city list and
// the submission (tờ trình) to the city.
func CommitteeChairman(name string) Signature {
	return Signature{Authority: OnBehalfCommittee, Title: Chairman, Name: clean(name)}
}

// DecisionSigner is the block of a decision of the ward's chairman and of
// its annex: "CHỦ TỊCH" when signer is the chairman named in the ward's
// record, else "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (a vice-chairman signs for
// the chairman). An empty signer leaves the chairman's block, unnamed.
func DecisionSigner(signer, chairman string) Signature {
	signer = clean(signer)
	if signer == "" || SameName(signer, chairman) {
		return Signature{Title: Chairman, Name: signer}
	}
	return Signature{Authority: ForChairman, Title: ViceChairman, Name: signer}
}

// Maker is the block of the person who made a table (NGƯỜI LẬP BIỂU),
// with the note asking for a name written by hand when name is empty.
func Maker(name string) Signature {
	return Signature{Title: Preparer, Note: SignNote, Name: clean(name)}
}

// CouncilChairOf and CouncilSecretaryOf are the council's two blocks
// (scores table, minutes).
func CouncilChairOf(name string) Signature {
	return Signature{Title: CouncilChair, Name: clean(name)}
}

// CouncilSecretaryOf is the block of the council's secretary.
func CouncilSecretaryOf(name string) Signature {
	return Signature{Title: CouncilSecretary, Name: clean(name)}
}

// UnitHead is the block of a unit's head. position is the head's own
// position from the data ("Trưởng phòng", "Giám đốc", "Trạm trưởng");
// when the document's issuing body is not the unit itself (own is false)
// the unit's name completes the title so the reader knows which unit:
// "Trưởng phòng" of "Phòng Văn hóa – Xã hội" signs "TRƯỞNG PHÒNG VĂN HÓA
// – XÃ HỘI", "Giám đốc" of a centre "GIÁM ĐỐC TRUNG TÂM …". A head
// without a recorded position signs "THỦ TRƯỞNG ĐƠN VỊ" (or "THỦ TRƯỞNG"
// and the unit's name).
func UnitHead(position, unitName, name string, own bool) Signature {
	return Signature{Title: HeadTitle(position, unitName, own), Name: clean(name)}
}

// HeadTitle is the title line of UnitHead.
func HeadTitle(position, unitName string, own bool) string {
	pos := strings.Join(strings.Fields(position), " ")
	unit := strings.Join(strings.Fields(unitName), " ")
	if pos == "" {
		if own || unit == "" {
			return "THỦ TRƯỞNG ĐƠN VỊ"
		}
		return "THỦ TRƯỞNG " + Upper(unit)
	}
	if own || unit == "" {
		return Upper(pos)
	}
	// "Trưởng phòng" + "Phòng Văn hóa – Xã hội": the unit's first word
	// is the position's last; say it once.
	pw, uw := strings.Fields(strings.ToLower(pos)), strings.Fields(unit)
	if len(uw) > 1 && pw[len(pw)-1] == strings.ToLower(uw[0]) {
		return Upper(pos + " " + strings.Join(uw[1:], " "))
	}
	return Upper(pos + " " + unit)
}

// clean trims a name and makes its runs of spaces one.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// DeputySigner is the block of a decision a vice-chairman signs for the
// chairman (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH): the chairman cannot sign it,
// being an author of an initiative it decides. name may be "" (a draft).
func DeputySigner(name string) Signature {
	return Signature{Authority: ForChairman, Title: ViceChairman, Name: clean(name)}
}
